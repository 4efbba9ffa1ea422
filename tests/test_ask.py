"""The reader who asks: the form, the receipt, the status page, and every way it can go wrong."""

import re
import time
from datetime import timedelta

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from advice.forms import SHOWN_AT_SALT
from advice.models import Letter, Reply
from advice.receipts import ALPHABET, receipt_hash
from tests import factories

pytestmark = pytest.mark.django_db

LETTER = (
    "Dear Elizabeth, my best friend of twenty years has stopped replying to my messages "
    "and I don't know whether to keep trying or to let her go."
)
CODE = re.compile(rf"[{ALPHABET}]{{4}}(?:-[{ALPHABET}]{{4}}){{3}}")


def shown_seconds_ago(seconds=10):
    return signing.dumps(time.time() - seconds, salt=SHOWN_AT_SALT)


def ask_data(**changes):
    data = {
        "letter": LETTER,
        "sign_off": "Fading in Frome",
        "email": "",
        "consent": "on",
        "website": "",
        "shown_at": shown_seconds_ago(),
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def send(client, **changes):
    return client.post(reverse("advice:ask"), ask_data(**changes))


def receipt_code(response):
    return CODE.search(response.content.decode()).group(0)


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
        (Letter.Status.ANSWERED, None, "Being answered"),
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
    response = strict.post(reverse("advice:ask"), ask_data())
    assert response.status_code == 403
    html = response.content.decode()
    assert "This page had expired" in html
    assert LETTER[:60] in html
    assert Letter.objects.count() == 0
