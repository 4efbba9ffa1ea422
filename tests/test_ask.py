"""The reader who asks: the form, the receipt, the status page, and every way it can go wrong."""

import re
import time
from datetime import timedelta

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from advice.models import Letter, Reply
from advice.receipts import receipt_hash
from postbag.forms import FORM_MAX_AGE_SECONDS, SHOWN_AT_SALT
from tests import factories
from tests.support import CODE, LETTER, ask_data, receipt_code, send, shown_seconds_ago

pytestmark = pytest.mark.django_db


def test_the_form_explains_itself(client):
    html = client.get(reverse("advice:ask")).content.decode()
    assert "Between 50 and 5,000 characters" in html
    assert "How should we sign your letter?" in html
    assert "Only to tell you when your letter is answered" in html
    assert "published anonymously" in html
    assert "emergency" in html  # the crisis notice
    assert "can only answer a few" in html


def test_the_browser_never_cuts_a_long_letter_short(client):
    html = client.get(reverse("advice:ask")).content.decode()
    textarea = re.search(r"<textarea[^>]*>", html).group(0)
    assert "maxlength" not in textarea


def test_sending_shows_a_receipt_code_once_and_stores_only_its_hash(client):
    theme = factories.theme(name="Friendship", slug="friendship")
    response = send(client, themes=[theme.slug])
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    code = receipt_code(response)
    assert "This is the only time we will show it" in response.content.decode()

    letter = Letter.objects.get()
    assert letter.original_text == LETTER
    assert letter.original_sign_off == "Fading in Frome"
    assert letter.status == Letter.Status.NEW
    assert list(letter.themes.all()) == [theme]
    assert letter.receipt_hash == receipt_hash(code)
    assert code not in str(Letter.objects.values().get())
    assert code not in response.get("Location", "") and not response.cookies.get("sessionid")
    assert code.replace("-", "") not in "".join(str(v) for v in client.cookies.values())


def test_sign_off_defaults_to_anonymous(client):
    send(client, sign_off="")
    assert Letter.objects.get().original_sign_off == "Anonymous"


def test_sending_the_same_letter_again_is_recognised_and_makes_no_second_code(client):
    first = send(client)
    again = send(client)
    assert again.status_code == 200
    html = again.content.decode()
    assert "already with us" in html
    assert not CODE.search(html)
    assert Letter.objects.count() == 1
    assert receipt_code(first)


@pytest.mark.parametrize(
    "changes, message, status",
    [
        ({"letter": "Too short to answer."}, "Your letter is a little short", 400),
        ({"letter": "x" * 5001}, "longer than 5,000 characters", 400),
        ({"letter": ""}, "Please write your letter", 400),
        ({"consent": None}, "Please tick this box", 400),
        ({"email": "not-an-address"}, "Enter a valid email address", 400),
        ({"email": "a" * 250 + "@example.org"}, "at most 254 characters", 400),
        ({"sign_off": "s" * 121}, "at most 120 characters", 400),
        ({"website": "http://spam.example"}, "filled in by a program", 400),
        ({"shown_at": "just now"}, "That was very quick", 400),
        ({"shown_at": "forged"}, "That was very quick", 400),
    ],
)
def test_every_rejection_keeps_what_was_typed(client, changes, message, status):
    if changes.get("shown_at") == "just now":
        changes = {**changes, "shown_at": shown_seconds_ago(0)}
    data = ask_data(**{"sign_off": "Keep Me in Kendal", **changes})
    response = client.post(reverse("advice:ask"), data)
    assert response.status_code == status
    html = response.content.decode()
    assert message in html
    assert data["sign_off"] in html
    if data.get("letter"):
        assert data["letter"][:60] in html
    assert Letter.objects.count() == 0


def test_a_letter_with_many_links_is_stored_as_spam_and_the_reader_is_not_told(client):
    links = " ".join(f"https://example.com/{n}" for n in range(3))
    response = send(client, letter=LETTER + " " + links, email="me@example.org")
    code = receipt_code(response)
    letter = Letter.objects.get()
    assert letter.status == Letter.Status.SPAM and letter.email == ""
    status = client.post(reverse("advice:ask_status"), {"code": code})
    assert "Could not be answered" in status.content.decode()
    assert "spam" not in status.content.decode().lower()


def test_status_accepts_the_code_in_any_case_with_spaces(client):
    code = receipt_code(send(client))
    typed = "  " + code.lower().replace("-", " ") + " "
    response = client.post(reverse("advice:ask_status"), {"code": typed})
    assert response.status_code == 200
    assert "Received" in response.content.decode()
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    "status, published_days_ago, words",
    [
        (Letter.Status.SHORTLISTED, None, "Being answered"),
        (Letter.Status.DRAFTED, None, "Being answered"),
        (Letter.Status.PUBLISHED, -3, "Being answered"),  # scheduled: not public yet
        (Letter.Status.DECLINED, None, "Could not be answered"),
        (Letter.Status.SPAM, None, "Could not be answered"),
    ],
)
def test_status_in_plain_words(client, status, published_days_ago, words):
    code = receipt_code(send(client))
    letter = Letter.objects.get()
    letter.status = status
    letter.title = "A title"
    if published_days_ago is not None:
        letter.published_at = timezone.now() - timedelta(days=published_days_ago)
    letter.save()
    html = client.post(reverse("advice:ask_status"), {"code": code}).content.decode()
    assert words in html


def test_a_wrong_code_gets_the_same_calm_answer(client):
    send(client)
    for typed in ["AAAA-BBBB-CCCC-DDDD", "not a code", "0000-1111-OOOO-IIII"]:
        response = client.post(reverse("advice:ask_status"), {"code": typed})
        assert response.status_code == 200
        assert "No letter matches this code" in response.content.decode()
        assert typed in response.content.decode()  # what they typed stays in the box


def test_withdrawing_asks_first_then_deletes_for_real(client):
    code = receipt_code(send(client, email="me@example.org"))
    letter = Letter.objects.get()
    Reply.objects.create(letter=letter, body="A draft reply.")

    confirm = client.post(reverse("advice:ask_status"), {"code": code, "action": "withdraw"})
    assert "Withdraw your letter?" in confirm.content.decode()
    assert Letter.objects.count() == 1

    done = client.post(reverse("advice:ask_status"), {"code": code, "action": "withdraw-confirmed"})
    assert "Your letter has been deleted" in done.content.decode()
    assert Letter.objects.count() == 0 and Reply.objects.count() == 0
    again = client.post(reverse("advice:ask_status"), {"code": code})
    assert "No letter matches this code" in again.content.decode()


def test_a_stale_csrf_token_gives_the_letter_back(db):
    strict = Client(enforce_csrf_checks=True)
    strict.get(reverse("advice:ask"))  # the cookie is set; the token sent is an old one
    response = strict.post(reverse("advice:ask"), {**ask_data(), "csrfmiddlewaretoken": "x" * 64})
    assert response.status_code == 403
    html = response.content.decode()
    assert "This page had expired" in html
    assert LETTER[:60] in html
    assert Letter.objects.count() == 0


def test_cookies_blocked_on_the_ask_form_say_so_and_keep_the_letter(db):
    """Without the CSRF cookie, "send it again" can never work: say what is needed."""
    blocked = Client(enforce_csrf_checks=True)
    form = blocked.get(reverse("advice:ask"))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.content.decode())[1]
    blocked.cookies.clear()  # the browser refuses to keep or send cookies
    response = blocked.post(reverse("advice:ask"), {**ask_data(), "csrfmiddlewaretoken": token})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Sending needs this site's one cookie" in html
    assert "holds nothing about you" in html
    assert "This page had expired" not in html
    assert LETTER[:60] in html and "Fading in Frome" in html
    assert Letter.objects.count() == 0


def test_cookies_blocked_on_the_status_page_use_the_sites_own_page(db):
    blocked = Client(enforce_csrf_checks=True)
    response = blocked.post(reverse("advice:ask_status"), {"code": "7KQ2-M9XD-4RTB-HP3C"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Sending needs this site's one cookie" in html
    assert 'value="7KQ2-M9XD-4RTB-HP3C"' in html  # the code is kept
    assert '<main id="main-content"' in html  # the site's page, not Django's bare one


def test_a_refused_form_elsewhere_gets_the_sites_own_403_page(db):
    response = Client(enforce_csrf_checks=True).post(reverse("home"), {"q": "x"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Sending needs this site's one cookie" in html and '<main id="main-content"' in html


def test_a_rate_limited_send_says_only_that(client, settings):
    """A 429 doesn't also say "that was very quick": one clear reason, and when to retry."""
    settings.ASK_RATE_LIMIT = (1, 3600)
    assert receipt_code(send(client))
    response = send(client, letter=LETTER + " And one more thing.")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Please wait a little before sending another letter" in html
    assert "very quick" not in html
    assert LETTER[:60] in html
    assert 0 < int(response["Retry-After"]) <= 3600


def test_an_old_form_can_not_be_sent_for_ever(client, settings):
    """The signed time a form was shown has a maximum age: one form is one sitting."""
    too_old = shown_seconds_ago(FORM_MAX_AGE_SECONDS + 60)
    response = send(client, shown_at=too_old)
    assert response.status_code == 400
    html = response.content.decode()
    assert "This form was opened a long time ago" in html
    assert LETTER[:60] in html
    assert Letter.objects.count() == 0
    # The form that comes back carries a fresh time: sending it (a little later) works.
    fresh = re.search(r'name="shown_at" value="([^"]+)"', html)[1]
    assert signing.loads(fresh, salt=SHOWN_AT_SALT) > time.time() - 5


def test_the_503_of_the_ask_form_says_when_to_retry(client, database_unavailable):
    response = send(client)
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    status = client.post(reverse("advice:ask_status"), {"code": "7KQ2-M9XD-4RTB-HP3C"})
    assert status.status_code == 503 and status["Retry-After"] == "60"


MESSY_LETTERS = [
    "عزيزتي إليزابيث، صديقتي المقربة لم تعد ترد على رسائلي منذ شهرين ولا أعرف ماذا أفعل.",
    "प्रिय एलिज़ाबेथ, मेरी सबसे अच्छी दोस्त ने दो महीने से मेरे संदेशों का जवाब नहीं दिया है।",
    "Dear Elizabeth 💔🙂 my friend\u200b stopped\u202e replying\u202c and I feel ￼ so lost now.",
    "Dear Elizabeth,\r\n\r\nmy friend\tstopped replying\x0b\x0c and I feel so lost now, truly.",
    "Dear Elizabeth, ２３ years of friendship and now silence; ¹²³ and ١٢٣ don't help me.",
]


@pytest.mark.parametrize("text", MESSY_LETTERS)
def test_letters_in_any_script_arrive_exactly_as_written(client, text):
    response = send(client, letter=text, sign_off="Lost in Łódź 🌧")
    assert response.status_code == 200 and receipt_code(response)
    letter = Letter.objects.get()
    # Exactly as written, but every line break one line feed (a browser sends CRLF).
    assert letter.original_text == text.strip().replace("\r\n", "\n")
    assert letter.original_sign_off == "Lost in Łódź 🌧"


def test_a_nul_character_is_refused_with_the_letter_kept(client):
    response = send(client, letter=LETTER + "\x00")
    assert response.status_code == 400
    assert "Null characters are not allowed" in response.content.decode()
    assert LETTER[:60] in response.content.decode()
    assert Letter.objects.count() == 0
