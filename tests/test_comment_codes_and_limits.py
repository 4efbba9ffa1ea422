"""Codes typed however a phone or keyboard types them, refusals in our own words and with a
time, and the small things a hostile tester found around the comment pages (issue 16).
The receipt code shares the code rules and the pages' words, so it is tried too."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from comments.models import Comment
from tests import factories
from tests.support import CODE, COMMENT, LETTER, ask_data, comment_data, comment_url

pytestmark = pytest.mark.django_db

DELETE = "comments:delete"


@pytest.fixture
def letter(db):
    return factories.letter(title="My sister never calls back", slug="my-sister-never-calls")


def text_of(response):
    return response.content.decode()


def typed_differently(code):
    """`code` as phones and word processors type it: full width, and other hyphens."""
    wide = "".join(chr(ord(c) + 0xFEE0) for c in code.replace("-", ""))
    groups = [code[i : i + 4] for i in range(0, 19, 5)]
    return [
        wide,
        "\u2011".join(groups),  # non-breaking hyphens
        "\u2212".join(groups).lower(),  # minus signs
        " \u2013 ".join(groups),  # en dashes
        "\u2010".join(groups) + ".",
    ]


# --- 10. Codes in any form --------------------------------------------------------------------


def test_a_comment_code_typed_in_other_forms_finds_the_comment(client, letter):
    code = CODE.search(text_of(client.post(comment_url(letter), comment_data()))).group(0)
    for typed in typed_differently(code):
        found = client.post(reverse(DELETE), {"code": typed})
        assert "Delete this comment?" in text_of(found), typed


def test_a_receipt_code_typed_in_other_forms_finds_the_letter(client):
    code = CODE.search(text_of(client.post(reverse("advice:ask"), ask_data()))).group(0)
    for typed in typed_differently(code):
        found = client.post(reverse("advice:ask_status"), {"code": typed})
        assert "No letter matches" not in text_of(found) and found.status_code == 200, typed


# --- 13. A 429 says when to try again ---------------------------------------------------------


def minutes_of(response):
    return -(-int(response["Retry-After"]) // 60)


def test_every_429_says_when_to_try_again_as_retry_after_does(client, letter, settings):
    settings.COMMENT_RATE_LIMIT = (1, 3600)
    settings.ASK_RATE_LIMIT = (1, 3600)
    settings.ASK_STATUS_RATE_LIMIT = (1, 3600)
    wrong = {"code": "AAAA-AAAA-AAAA-AAAA"}
    tries = [
        lambda n: client.post(comment_url(letter), comment_data(text=f"{COMMENT} {n}")),
        lambda n: client.post(reverse(DELETE), wrong),
        lambda n: client.post(reverse("advice:ask"), ask_data(letter=f"{LETTER} {n}")),
        lambda n: client.post(reverse("advice:ask_status"), wrong),
    ]
    for send in tries:
        send(1)
        limited = send(2)
        assert limited.status_code == 429
        minutes = minutes_of(limited)
        expected = "about a minute" if minutes == 1 else f"about {minutes} minutes"
        assert f"try again in {expected}" in text_of(limited)
        assert "for a while" not in text_of(limited) and "wait an hour" not in text_of(limited)


# --- 14. The small things ------------------------------------------------------------------------


@pytest.mark.parametrize("url", [DELETE, "advice:ask_status"])
@pytest.mark.parametrize(
    ("code", "message"),
    [("7KQ2-M9XD-4RTB-HP3C" * 3, "That is longer than a"), ("7KQ2\x00M9XD", "invisible character")],
)
def test_the_code_fields_refuse_in_our_own_words(client, url, code, message):
    response = client.post(reverse(url), {"code": code})
    assert response.status_code == 400
    assert message in text_of(response)
    assert "Ensure this value" not in text_of(response)
    assert "Null characters are not allowed" not in text_of(response)


def test_opening_a_closed_pieces_form_raises_no_alarm_but_sending_says_nothing_was_sent(
    client, letter
):
    letter.comments_closed = True
    letter.save()
    shown = text_of(client.get(comment_url(letter)))
    assert "are closed" in shown
    assert "nothing was sent" not in shown and 'role="alert"' not in shown
    sent = client.post(comment_url(letter), comment_data())
    assert sent.status_code == 403 and "nothing was sent" in text_of(sent)
    assert COMMENT in text_of(sent)


@pytest.mark.parametrize("form", ["comment", "ask"])
def test_a_form_sent_from_another_site_is_told_so_and_kept(letter, form):
    strict = Client(enforce_csrf_checks=True, HTTP_ORIGIN="https://elsewhere.example")
    url, data = (comment_url(letter), comment_data()) if form == "comment" else (None, None)
    url, data = (reverse("advice:ask"), ask_data()) if form == "ask" else (url, data)
    response = strict.post(url, data)
    assert response.status_code == 403
    html = text_of(response)
    assert "This form came from another website" in html and "had expired" not in html
    assert "still below" in html
    assert Comment.objects.count() == 0


def test_pressing_yes_delete_twice_answers_calmly(client, letter):
    code = CODE.search(text_of(client.post(comment_url(letter), comment_data()))).group(0)
    confirmed = {"code": code, "action": "delete-confirmed"}
    assert "has been deleted" in text_of(client.post(reverse(DELETE), confirmed))
    again = client.post(reverse(DELETE), confirmed)
    assert again.status_code == 200
    assert "it is already gone for good" in text_of(again)
    assert 'role="alert"' not in text_of(again)


def test_no_browser_cuts_a_name_or_sign_off_short_the_server_says_so(client, letter):
    form = text_of(client.get(comment_url(letter)))
    assert not re.search(r'<input[^>]*name="name"[^>]*maxlength', form)
    long_name = "J" * 95
    refused = client.post(comment_url(letter), comment_data(name=long_name))
    assert "keep the name to 80 characters (it has 95)" in text_of(refused)
    assert long_name in text_of(refused)
    ask = text_of(client.get(reverse("advice:ask")))
    assert not re.search(r'<input[^>]*name="sign_off"[^>]*maxlength', ask)
    assert Comment.objects.count() == 0
