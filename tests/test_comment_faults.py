"""What a hostile tester found in the comments (issue 16), each fault fixed where its kind
lives: the comment form and the ask form share their field rules (postbag.forms), their
codes (advice.receipts) and their error pages, so most tests here send both."""

import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse

from advice.models import Letter
from comments import services
from comments.models import Comment
from tests import factories
from tests.live import form_fields
from tests.support import CODE, COMMENT, LETTER, ask_data, comment_data, comment_url

pytestmark = pytest.mark.django_db

ZWSP, RLO, LRI = "\u200b", "\u202e", "\u2066"


@pytest.fixture
def letter(db):
    return factories.letter(title="My sister never calls back", slug="my-sister-never-calls")


def post_comment(client, piece, **changes):
    return client.post(comment_url(piece), comment_data(**changes))


def post_letter(client, **changes):
    return client.post(reverse("advice:ask"), ask_data(**changes))


def text_of(response):
    return response.content.decode()


# --- 1. The column's reply: refused with a field error, never a 500 -------------------------


def reply_form(editor_client, comment, **changes):
    change = reverse("admin:comments_comment_change", args=[comment.pk])
    data = {"name": comment.name, "text": comment.text, "status": "approved", "reply": ""}
    return editor_client.post(change, {**data, **changes})


@pytest.mark.parametrize("control", ["\x07", "\x0b"])
def test_a_reply_with_a_control_character_is_a_field_error_keeping_reply_and_status(
    editor_client, letter, control
):
    comment = factories.comment(letter, status="held", text="Could Elizabeth say more on this?")
    response = reply_form(editor_client, comment, reply=f"Gladly{control}: next week.")
    assert response.status_code == 200
    html = text_of(response)
    assert f"invisible control character (U+{ord(control):04X})" in html
    assert "Gladly" in html and "next week." in html  # the reply is still in the box
    assert re.search(r'<option value="approved" selected>', html)  # so is the status
    assert Comment.objects.get(pk=comment.pk).status == "held"
    assert not Comment.objects.filter(is_columnist_reply=True).exists()


# --- 2. A double click shows the same code on every answer -----------------------------------


def test_the_same_form_sent_twice_shows_the_same_code_and_another_form_does_not(client, letter):
    data = comment_data()
    first, second = (client.post(comment_url(letter), data) for _ in range(2))
    code = CODE.search(text_of(first)).group(0)
    assert CODE.search(text_of(second)).group(0) == code
    assert services.find_comment_by_code(code) == Comment.objects.get()
    again = post_comment(client, letter)  # the same words from a new rendering of the form
    assert "already with us" in text_of(again) and not CODE.search(text_of(again))
    assert code not in text_of(again)

    data = ask_data()
    first, second = (client.post(reverse("advice:ask"), data) for _ in range(2))
    receipt = CODE.search(text_of(first)).group(0)
    assert CODE.search(text_of(second)).group(0) == receipt != code
    assert Letter.objects.filter(original_text=LETTER).count() == 1
    assert "already with us" in text_of(post_letter(client))


# --- 3. Bidi controls: refused in one-line fields; names isolated, texts directed ------------


@pytest.mark.parametrize("control", [RLO, LRI, "\u202a", "\u2069"])
def test_a_name_with_a_bidi_control_is_refused_with_everything_kept(client, letter, control):
    response = post_comment(client, letter, name=f"Jo{control} in Jarrow")
    assert response.status_code == 400
    assert "turns the direction of writing" in text_of(response)
    assert COMMENT in text_of(response) and Comment.objects.count() == 0


def test_every_one_line_field_refuses_bidi_controls_and_the_edited_copy_drops_them(letter):
    from django.core.exceptions import ValidationError

    letter.title = f"{RLO}kcab sllac reven retsis yM"
    with pytest.raises(ValidationError, match="direction of writing"):
        letter.full_clean()
    sent = Letter(original_text=LETTER, original_sign_off=f"Lost{LRI} in Leeds")
    sent.fill_derived_fields()
    assert sent.sign_off == "Lost in Leeds"


def test_names_are_isolated_and_texts_find_their_own_direction(client, letter):
    factories.comment(letter, name="سارا", text="شكراً لك على هذه الرسالة، لقد ساعدتني كثيراً.")
    html = text_of(client.get(letter.get_absolute_url()))
    assert '<bdi class="comment__name">سارا</bdi>' in html
    assert '<div class="comment__text" dir="auto">' in html


# --- 4. Only what shows counts ---------------------------------------------------------------


def test_invisible_characters_count_for_nothing(client, letter):
    empty = post_comment(client, letter, text=ZWSP * 40)
    assert empty.status_code == 400 and "Please write your comment" in text_of(empty)
    padded = post_comment(client, letter, text="Thank you " + ZWSP * 30 + " so much")
    assert padded.status_code == 400 and "(it has 14)" in text_of(padded)
    assert "held for moderation" in text_of(post_comment(client, letter, name=ZWSP * 3))
    assert Comment.objects.get().shown_name == "A reader"

    short = post_letter(client, letter="Dear Elizabeth, help." + ZWSP * 60)
    assert short.status_code == 400 and "Your letter is a little short" in text_of(short)
    post_letter(client, sign_off=ZWSP + "\u2060")
    assert Letter.objects.exclude(pk=letter.pk).get().original_sign_off == "Anonymous"


# --- 5. A line break is one character, stored as one ------------------------------------------


def test_crlf_line_breaks_count_once_and_are_stored_as_line_feeds(client, letter):
    text = ("x" * 147 + ".\r\n") * 20 + "y" * 10  # 2,990 characters, or 3,010 with CRLF
    assert len(text) == 3010 and len(text.replace("\r\n", "\n")) == 2990
    sent = post_comment(client, letter, text=text)
    assert "held for moderation" in text_of(sent)
    assert Comment.objects.get().text == text.replace("\r\n", "\n")

    long_letter = "\r".join(["Dear Elizabeth, " + "z" * 233] * 20)  # 4,999 with bare CRs
    sent = post_letter(client, letter=long_letter)
    assert sent.status_code == 200, text_of(sent)
    stored = Letter.objects.exclude(pk=letter.pk).get().original_text
    assert stored == long_letter.replace("\r", "\n")


# --- 6. A honeypot filled in by mistake can be emptied ------------------------------------------


def honeypot(html):
    return re.search(r'<input type="text" name="website"[^>]*>', html).group(0)


@pytest.mark.parametrize("form", ["comment", "ask"])
def test_a_refused_honeypot_comes_back_empty_so_the_resend_goes_through(
    client, letter, settings, form
):
    settings.ASK_MIN_SECONDS = 0
    url = comment_url(letter) if form == "comment" else reverse("advice:ask")
    data = comment_data() if form == "comment" else ask_data()
    refused = client.post(url, {**data, "website": "Jo Bloggs"})
    assert refused.status_code == 400 and "filled in by a program" in text_of(refused)
    assert "value=" not in honeypot(text_of(refused))
    resent = client.post(url, {**data, **form_fields(text_of(refused)), "website": ""})
    assert resent.status_code == 200 and CODE.search(text_of(resent))


# --- 7. COMMENTS_OPEN_DAYS is checked when the site starts --------------------------------------


@pytest.mark.parametrize("days", ["3000000", "-5", "36501"])
def test_an_impossible_comments_open_days_stops_the_start(days):
    env = {"DJANGO_DEBUG": "1", "DATABASE_URL": "", "COMMENTS_OPEN_DAYS": days}
    run = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
    )
    assert run.returncode != 0
    assert f"COMMENTS_OPEN_DAYS must be from 0 to 36500, not {int(days)}" in run.stderr


# --- 8. The column's replies keep their context ----------------------------------------------


def test_a_reply_to_a_comment_readers_cant_see_is_refused_in_words(editor_client, letter):
    held = factories.comment(letter, status="held", text="Could Elizabeth say more on this?")
    response = reply_form(editor_client, held, status="held", reply="Gladly: next week.")
    assert response.status_code == 200
    assert "Readers can&#x27;t see this comment" in text_of(response)
    assert "Gladly: next week." in text_of(response)
    assert not Comment.objects.filter(is_columnist_reply=True).exists()
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="Approve"):
        services.reply_as_column(piece=letter, text="Gladly.", in_reply_to=held)


def test_a_reply_leaves_the_page_with_the_comment_it_answers(client, letter):
    comment = factories.comment(letter, text="Could Elizabeth say more on this, please?")
    services.reply_as_column(piece=letter, text="Gladly: next week.", in_reply_to=comment)
    assert "Gladly" in text_of(client.get(letter.get_absolute_url()))
    services.reject_comment(comment=comment)
    assert "Gladly" not in text_of(client.get(letter.get_absolute_url()))


# --- 9. The queue's rows stay short, whatever the text ------------------------------------------


@pytest.mark.parametrize("text", ["ab" * 1500, "我的姐姐也是这样，从来不回电话。" * 100])
def test_a_text_without_spaces_is_cut_in_the_queue_and_the_inbox(editor_client, letter, text):
    factories.comment(letter, status="held", text=text)
    Letter.objects.create(original_text=text, original_sign_off="Anonymous")
    for model in ("comments_comment", "advice_letter"):
        html = text_of(editor_client.get(reverse(f"admin:{model}_changelist")))
        longest = max(len(run) for run in re.findall(r"[^<>\s]+", html))
        assert longest <= 200, model


# --- 11. A comment nobody saw changes no cached page ---------------------------------------------


def test_deleting_a_held_comment_leaves_the_page_cache_alone(client, letter, settings):
    settings.PAGE_CACHE_SECONDS = 600
    code = CODE.search(text_of(post_comment(client, letter))).group(0)
    factories.comment(letter, status="held", text="Another comment nobody has seen yet.")
    url = letter.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    client.post(reverse("comments:delete"), {"code": code, "action": "delete-confirmed"})
    assert not Comment.objects.filter(text=COMMENT).exists()
    services.reject_comment(comment=Comment.objects.get())
    assert client.get(url)["X-Page-Cache"] == "hit"


# --- 12. The admin's first page says what waits ---------------------------------------------


def test_the_admin_index_counts_the_comments_waiting(editor_client, letter):
    for n in range(3):
        factories.comment(letter, status="held", text=f"Comment number {n} waiting for us.")
    factories.comment(letter, text="An approved comment, shown already.")
    html = text_of(editor_client.get(reverse("admin:index")))
    queue = reverse("admin:comments_comment_changelist")
    assert f'<a href="{queue}?status__exact=held">Comments waiting: <strong>3</strong></a>' in html
