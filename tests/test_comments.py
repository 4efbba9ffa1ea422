"""Readers' comments: sending one, every way a send is refused, closed pieces, and taking
a comment back with its code."""

import re
from datetime import timedelta
from html import escape
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comments import services
from comments.models import Comment
from tests import factories
from tests.support import CODE, COMMENT, comment_data, comment_url, shown_seconds_ago

pytestmark = pytest.mark.django_db


@pytest.fixture
def letter(db):
    return factories.letter(title="My sister never calls back", slug="my-sister-never-calls")


def send(client, piece, **changes):
    return client.post(comment_url(piece), comment_data(**changes))


def text_of(response):
    return response.content.decode()


def test_a_sent_comment_is_held_and_its_code_shown_once(client, letter):
    form = client.get(comment_url(letter))
    assert form.status_code == 200
    html = text_of(form)
    assert "Your comment is read by an editor before it appears; we store no address" in html
    assert "Between 20 and 3,000 characters" in html
    assert 'maxlength="3000"' not in html  # the server says what is too long, keeping it

    sent = send(client, letter)
    assert sent.status_code == 200
    assert "no-store" in sent["Cache-Control"]
    page = text_of(sent)
    assert "held for moderation" in page
    code = CODE.search(page).group(0)
    assert reverse("comments:delete") in page
    comment = Comment.objects.get()
    assert (comment.letter, comment.status, comment.name) == (letter, "held", "Jo in Jarrow")
    assert comment.text == COMMENT
    assert code not in repr(Comment.objects.values()) and comment.code_hash
    # Held comments show nowhere yet.
    assert COMMENT not in text_of(client.get(letter.get_absolute_url()))


def test_an_article_takes_comments_too(client):
    article = factories.article(title="On apologising well", slug="on-apologising-well")
    assert "held for moderation" in text_of(send(client, article, name=""))
    comment = Comment.objects.get()
    assert comment.article == article and comment.letter is None
    assert comment.shown_name == "A reader"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"text": "Too short."}, "Your comment is a little short"),
        ({"text": "x" * 3001}, "longer than 3,000 characters (it has 3001)"),
        ({"text": ""}, "Please write your comment"),
        ({"text": COMMENT + "\x07 and a bell"}, "invisible control character (U+0007)"),
        ({"name": "Jo\nin Jarrow"}, "a line break"),
        ({"name": "J" * 81}, "keep the name to 80 characters"),
        ({"website": "https://spam.example"}, "filled in by a program"),
        ({"shown_at": "not signed"}, "That was very quick. Please read your comment"),
        (
            {"text": COMMENT + " https://a.example https://b.example www.c.example"},
            "2 web addresses or fewer",
        ),
    ],
)
def test_bad_input_comes_back_with_everything_kept_and_a_clear_message(
    client, letter, changes, message
):
    response = send(client, letter, **changes)
    assert response.status_code == 400
    html = text_of(response)
    assert message in html
    assert 'role="alert"' in html
    sent = comment_data(**changes)
    for field in ("name", "text"):  # what was typed is back in its box, escaped
        if "\x07" not in sent[field]:
            assert escape(sent[field]) in html, field
    assert Comment.objects.count() == 0


def test_too_quick_a_send_is_refused_and_the_clock_restarts(client, letter, settings):
    settings.ASK_MIN_SECONDS = 3
    response = send(client, letter, shown_at=shown_seconds_ago(1))
    assert response.status_code == 400
    assert "That was very quick" in text_of(response)
    assert Comment.objects.count() == 0


def test_the_same_comment_twice_is_kept_once_but_another_piece_takes_it(client, letter):
    first = send(client, letter)
    again = send(client, letter, name="Someone else")
    assert CODE.search(text_of(first))
    assert "already with us" in text_of(again) and not CODE.search(text_of(again))
    other = factories.letter()
    assert "held for moderation" in text_of(send(client, other))
    assert Comment.objects.count() == 2


def test_the_rate_limit_answers_429_with_retry_after_and_keeps_the_comment(
    client, letter, settings
):
    settings.COMMENT_RATE_LIMIT = (2, 3600)
    for n in range(2):
        assert send(client, letter, text=f"{COMMENT} ({n})").status_code == 200
    assert send(client, letter, text="short").status_code == 400  # refused: not counted
    limited = send(client, letter, text=COMMENT + " Once more.")
    assert limited.status_code == 429
    assert 1 <= int(limited["Retry-After"]) <= 3600
    assert "Please wait a little before sending another comment" in text_of(limited)
    assert "Once more." in text_of(limited)
    # Another reader, from another address, is not held back.
    other = Client(REMOTE_ADDR="198.51.100.20")
    assert send(other, letter, text=COMMENT + " Elsewhere.").status_code == 200
    assert Comment.objects.count() == 3


def test_a_csrf_failure_gives_the_comment_back(letter):
    strict = Client(enforce_csrf_checks=True)
    response = send(strict, letter, text=COMMENT + " Kept through CSRF.")
    assert response.status_code == 403
    html = text_of(response)
    assert "Kept through CSRF." in html and "Your comment is still below." in html
    assert Comment.objects.count() == 0


def test_hostile_text_in_any_script_is_kept_and_shown_as_plain_text(client, letter):
    text = (
        "मेरी बहन भी ऐसी ही थी. أختي كانت مثلها. 我的姐姐也是这样。🙂\n\n"
        "<script>alert(1)</script> <img src=x onerror=alert(2)> **not bold** "
        "[a](javascript:alert(3)) see https://example.org/help?a=1&b=2."
    )
    assert send(client, letter, text=text, name="Ада 👩‍👧").status_code == 200
    comment = Comment.objects.get()
    assert comment.text == text and comment.name == "Ада 👩‍👧"
    services.approve_comment(comment=comment)
    html = text_of(client.get(letter.get_absolute_url()))
    section = html[html.index('id="comments"') :]
    assert "मेरी बहन भी ऐसी ही थी" in section and "أختي كانت مثلها" in section
    assert "<script>alert(1)" not in section and "&lt;script&gt;alert(1)" in section
    assert "<img" not in section and "**not bold**" in section
    assert 'href="javascript' not in section
    link = re.search(r'<a [^>]*href="https://example.org/help\?a=1&amp;b=2"[^>]*>', section)
    assert link and 'rel="ugc nofollow noopener"' in link.group(0)
    assert "</a>." in section  # the full stop belongs to the sentence
    assert "<p>" in section  # the blank line made two paragraphs


def test_a_form_posted_in_another_charset_is_read(client, letter):
    body = "name=Zo%EB&text=" + "Caf%E9 cr%E8me, d%E9j%E0 vu: " * 2 + "&website=&shown_at="
    body += quote(shown_seconds_ago())
    response = client.post(
        comment_url(letter), body, content_type="application/x-www-form-urlencoded; charset=latin-1"
    )
    assert response.status_code == 200, text_of(response)
    assert Comment.objects.get().name == "Zoë"
    assert Comment.objects.get().text.startswith("Café crème, déjà vu")


def test_closed_pieces_show_their_comments_and_refuse_new_ones(client, letter, settings):
    factories.comment(letter, text="An approved comment, shown even once closed.")
    letter.comments_closed = True
    letter.save()
    page = text_of(client.get(letter.get_absolute_url()))
    assert "An approved comment, shown even once closed." in page
    assert "Comments on this letter are closed." in page
    assert comment_url(letter) not in page
    refused = send(client, letter, text=COMMENT + " Sent too late.")
    assert refused.status_code == 403
    assert "are closed" in text_of(refused) and "Sent too late." in text_of(refused)
    assert Comment.objects.count() == 1


def test_comments_close_by_themselves_after_the_open_days(client, settings):
    settings.COMMENTS_OPEN_DAYS = 30
    old = factories.letter(days_ago=31)
    recent = factories.letter(days_ago=29)
    assert "are closed" in text_of(client.get(old.get_absolute_url()))
    assert comment_url(recent) in text_of(client.get(recent.get_absolute_url()))
    assert send(client, old).status_code == 403
    settings.COMMENTS_OPEN_DAYS = 0  # no limit in days
    assert send(client, old).status_code == 200


def test_comments_off_hides_them_everywhere(client, letter, settings):
    factories.comment(letter, text="Shown only while comments are on, never otherwise.")
    settings.COMMENTS = "off"
    html = text_of(client.get(letter.get_absolute_url()))
    assert "Shown only while comments are on" not in html and 'id="comments"' not in html
    assert "commentCount" not in html
    assert "1 comment" not in text_of(client.get(reverse("advice:letter_list")))
    assert client.get(comment_url(letter)).status_code == 404
    assert send(client, letter).status_code == 404


def test_drafts_and_unknown_pieces_take_no_comments(client):
    draft = factories.letter(status="drafted", title="Not yet", slug="not-yet")
    assert client.get(comment_url(draft)).status_code == 404
    assert client.get("/comments/letter/no-such-letter/").status_code == 404
    assert client.get("/comments/poem/anything/").status_code == 404
    scheduled = factories.article(published_at=timezone.now() + timedelta(days=1))
    assert send(client, scheduled).status_code == 404


# --- Taking a comment back ----------------------------------------------------------------


def delete(client, code, action=None):
    data = {"code": code, **({"action": action} if action else {})}
    return client.post(reverse("comments:delete"), data)


def test_the_writer_deletes_an_approved_comment_with_its_code(client, letter):
    code = CODE.search(text_of(send(client, letter))).group(0)
    comment = Comment.objects.get()
    services.approve_comment(comment=comment)
    reply = services.reply_as_column(piece=letter, text="Thank you, Jo.", in_reply_to=comment)
    assert COMMENT in text_of(client.get(letter.get_absolute_url()))

    asked = delete(client, code.lower().replace("-", " "))
    assert "Delete this comment?" in text_of(asked) and COMMENT in text_of(asked)
    assert Comment.objects.filter(pk=comment.pk).exists()  # nothing yet
    done = delete(client, code, "delete-confirmed")
    assert "Your comment has been deleted" in text_of(done)
    assert not Comment.objects.filter(pk__in=[comment.pk, reply.pk]).exists()
    # The cached page forgets it at once.
    assert COMMENT not in text_of(client.get(letter.get_absolute_url()))
    assert "No comment matches this code" in text_of(delete(client, code))


def test_a_held_comment_can_be_deleted_from_the_page_after_sending(client, letter):
    html = text_of(send(client, letter))
    code = CODE.search(html).group(0)
    assert f'name="code" value="{code}"' in html  # the "Delete this comment…" button
    delete(client, code, "delete-confirmed")
    assert Comment.objects.count() == 0


def test_wrong_codes_get_a_calm_answer_then_a_429(client, settings):
    settings.ASK_STATUS_RATE_LIMIT = (3, 3600)
    assert client.get(reverse("comments:delete")).status_code == 200
    assert delete(client, "").status_code == 400
    for guess in ["AAAA-AAAA-AAAA-AAAA", "not a code", "2345-6789-ABCD-EFGH"]:
        answer = delete(client, guess)
        assert answer.status_code == 200 and "No comment matches this code" in text_of(answer)
    limited = delete(client, "BBBB-BBBB-BBBB-BBBB")
    assert limited.status_code == 429 and int(limited["Retry-After"]) >= 1
    assert "Too many attempts" in text_of(limited)


def test_a_receipt_code_for_a_letter_deletes_no_comment(client, letter):
    from tests.support import ask_data, receipt_code

    code = receipt_code(client.post(reverse("advice:ask"), ask_data()))
    assert "No comment matches this code" in text_of(delete(client, code, "delete-confirmed"))
