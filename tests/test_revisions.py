"""Revisions of letters and articles: kept on save, never doubled, restored in a click,
compared word by word, autosaved as drafts, and deleted with a withdrawn letter."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from reversion.models import Revision, Version

from advice import services
from advice.models import Letter, Reply
from articles.models import Article
from postbag.revision_diff import change_summary, word_diff
from postbag.revisions import (
    AUTOSAVED,
    BEFORE_FIRST_EDIT,
    keep_revision,
    revisions_of,
    text_of_revision,
)
from tests import factories
from tests.support import CORRECTIONS_NONE, change_form_data

pytestmark = pytest.mark.django_db

READER_WORDS = (
    "Dear Elizabeth, my brother borrowed my savings for his bakery and never mentions it."
)
EDITED = "My brother borrowed my savings and never mentions it. How do I raise it kindly?"
REPLY = "Money between siblings is never only about money. Ask him for a coffee, not a meeting."


def new_letter(**fields):
    """A letter as it arrives from the ask form: no title, no reply, its copy the original."""
    fields.setdefault("status", Letter.Status.NEW)
    return factories.letter(original_text=READER_WORDS, title="", reply=None, **fields)


def url(name, *args, model="advice_letter"):
    return reverse(f"admin:{model}_{name}", args=args)


def save_form(client, letter, **changes):
    if letter.has_reply:
        reply = {"reply-INITIAL_FORMS": "1", "reply-0-id": letter.reply.pk}
        changes = {**reply, "reply-0-body": letter.reply.body, **changes}
    elif "reply-0-body" not in changes:
        changes["reply-TOTAL_FORMS"] = "0"  # no reply written yet
    response = client.post(url("change", letter.pk), change_form_data(letter, **changes))
    assert response.status_code == 302, response.content.decode()[:3000]
    letter.refresh_from_db()
    return response


def comments(letter):
    return [revision.comment for revision in revisions_of(letter)]


# --- Kept on every save, never doubled ---------------------------------------------------


def test_saving_the_form_keeps_what_it_was_and_what_it_became(editor_client, editor):
    letter = new_letter()
    save_form(
        editor_client, letter, title="Money and my brother", body=EDITED, **{"reply-0-body": REPLY}
    )
    assert comments(letter) == ["Saved", "As it was before the first edit here"]
    latest, first = revisions_of(letter)
    assert latest.user == editor and first.user is None
    page = editor_client.get(url("revisions", letter.pk)).content.decode()
    assert "title changed" in page
    assert f"reply +{len(REPLY.split())} words" in page
    assert "editor" in page  # who


def test_the_same_text_saved_again_or_moved_along_keeps_no_new_revision(editor_client):
    letter = new_letter()
    save_form(editor_client, letter, title="Money and my brother", **{"reply-0-body": REPLY})
    kept = Revision.objects.count()
    data = change_form_data(letter, **{"reply-INITIAL_FORMS": "1", "reply-0-id": letter.reply.pk})
    data["reply-0-body"] = REPLY
    assert editor_client.post(url("change", letter.pk), data).status_code == 302
    services.shortlist_letter(letter=letter)
    services.publish_letter(letter=letter)
    assert Revision.objects.count() == kept
    services.publish_letter(letter=letter)  # a status write that finds new text keeps it
    letter.title = "Money, and a brother who forgets"
    services.decline_letter(letter=letter)
    assert comments(letter)[0] == "Declined"


def test_only_the_text_is_stored_never_the_original_status_or_dates(editor_client):
    letter = new_letter()
    save_form(editor_client, letter, title="Money and my brother", body=EDITED)
    for version in Version.objects.all():
        stored = version.serialized_data
        for absent in ("status", "published_at", "original_text", "received_at", "email"):
            assert f'"{absent}"' not in stored
    edited_only = Version.objects.filter(serialized_data__contains="How do I raise it kindly")
    assert edited_only.exists()
    assert (
        not Version.objects.filter(serialized_data__contains="bakery")
        .exclude(revision__comment="As it was before the first edit here")
        .exists()
    )  # the copy before editing held the reader's words; the original never did


def test_an_article_keeps_revisions_of_its_text(editor_client):
    article = factories.article()
    data = {
        "title": article.title,
        "slug": article.slug,
        "byline": article.byline,
        "standfirst": "Nobody can read your mind, not even the people who love you.",
        "body": article.body,
        "status": article.status,
        "published_at_0": timezone.localtime(article.published_at).strftime("%Y-%m-%d"),
        "published_at_1": timezone.localtime(article.published_at).strftime("%H:%M:%S"),
        **CORRECTIONS_NONE,
    }
    response = editor_client.post(url("change", article.pk, model="articles_article"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert [r.comment for r in revisions_of(article)] == [
        "Saved",
        "As it was before the first edit here",
    ]
    page = editor_client.get(url("revisions", article.pk, model="articles_article"))
    assert "standfirst +2 words" in page.content.decode()


# --- Restore ------------------------------------------------------------------------------


def test_restore_puts_the_text_back_and_leaves_status_and_date_alone(editor_client):
    published_at = timezone.now() - timedelta(days=3)
    letter = factories.letter(
        title="Money and my brother", body=EDITED, reply=REPLY, published_at=published_at
    )
    save_form(
        editor_client,
        letter,
        title="A loan, a bakery and silence",
        body=EDITED + " He is my only family.",
        published_at_0=timezone.localtime(published_at).strftime("%Y-%m-%d"),
        published_at_1=timezone.localtime(published_at).strftime("%H:%M:%S"),
        **{"reply-INITIAL_FORMS": "1", "reply-0-id": letter.reply.pk, "reply-0-body": "Short."},
    )
    published_at = letter.published_at  # as the form saved it (to the second)
    before = revisions_of(letter).last()
    response = editor_client.post(url("restore_revision", letter.pk, before.pk))
    assert response.status_code == 302 and response.url == url("change", letter.pk)
    letter.refresh_from_db()
    assert (letter.title, letter.body, letter.reply.body) == ("Money and my brother", EDITED, REPLY)
    assert letter.status == Letter.Status.PUBLISHED and letter.published_at == published_at
    assert comments(letter)[0].startswith("Restored the revision of ")
    page = editor_client.get(url("change", letter.pk)).content.decode()
    assert "Restored the revision of" in page  # the message, on the form with the text back
    assert "Money and my brother" in page


def test_a_restore_that_would_break_a_published_letter_changes_nothing(editor_client):
    letter = new_letter()
    save_form(
        editor_client,
        letter,
        title="Money and my brother",
        status=Letter.Status.PUBLISHED,
        **{"reply-0-body": REPLY},
    )
    assert letter.status == Letter.Status.PUBLISHED
    untitled = revisions_of(letter).last()
    response = editor_client.post(url("restore_revision", letter.pk, untitled.pk), follow=True)
    assert "was not restored: A letter needs a title before it is published." in (
        response.content.decode()
    )
    letter.refresh_from_db()
    assert letter.title == "Money and my brother" and letter.is_published


def test_restoring_is_a_post_by_someone_who_may_change_the_letter(editor_client):
    letter = new_letter()
    save_form(editor_client, letter, title="Money and my brother")
    revision = revisions_of(letter).last()
    restore = url("restore_revision", letter.pk, revision.pk)
    assert editor_client.get(restore).status_code == 405
    reader = get_user_model().objects.create_user("helper", password="x-long-password-1")
    reader.is_staff = True
    reader.save()
    client = Client()
    client.force_login(reader)  # staff, with no permission on letters
    assert client.post(restore).status_code == 403
    assert client.get(url("revisions", letter.pk)).status_code == 403
    other = new_letter()
    assert editor_client.post(url("restore_revision", other.pk, revision.pk)).status_code == 404
    assert editor_client.get(url("revisions", 999999)).status_code == 404
    letter.refresh_from_db()
    assert letter.title == "Money and my brother"


# --- The comparison -----------------------------------------------------------------------


def test_word_diff_marks_changed_words_and_folds_long_unchanged_stretches():
    opening = " ".join(f"word{n}" for n in range(100))
    old = f"{opening} I feel left out. {opening}"
    new = f"{opening} I feel left behind. {opening}"
    segments = word_diff(old, new)
    kinds = [segment.kind for segment in segments]
    assert kinds == ["fold", "same", "del", "ins", "same", "fold"]
    assert segments[2].text == "out." and segments[3].text == "behind."
    # 100 words and "I feel left" before the change, 12 of them shown; 100 after it.
    assert segments[0].words == 91 and segments[-1].words == 88
    assert word_diff("Short and sweet.", "Short and kind.")[0].text == "Short and "


def test_summaries_say_what_changed_in_words():
    labels = {"title": "title", "body": "letter for publication", "reply.body": "reply"}
    long_keys = {"body", "reply.body"}
    older = {"title": "A", "body": "one two three", "reply.body": ""}
    newer = {"title": "B", "body": "one two four", "reply.body": "a b c"}
    assert change_summary(older, newer, labels, long_keys=long_keys) == (
        "title changed, letter for publication edited, reply +3 words"
    )
    assert change_summary(newer, older, labels, long_keys=long_keys).endswith("reply −3 words")
    assert change_summary(None, newer, labels, long_keys=long_keys) == "First revision"


def test_the_revisions_page_compares_any_two_revisions(editor_client):
    letter = new_letter()
    save_form(editor_client, letter, title="Money and my brother", body=EDITED)
    save_form(editor_client, letter, body=EDITED.replace("kindly", "gently"))
    newest, middle, first = revisions_of(letter)
    page = editor_client.get(url("revisions", letter.pk)).content.decode()
    assert "<del>kindly?</del><ins>gently?</ins>" in page  # the latest two at first
    chosen = editor_client.get(url("revisions", letter.pk), {"older": first.pk, "newer": newest.pk})
    html = chosen.content.decode()
    assert "<ins>Money and my brother</ins>" in html and "bakery" in html
    assert html.count("Restore this revision") >= 3
    wrong = editor_client.get(url("revisions", letter.pk), {"older": "x", "newer": 99999})
    assert wrong.status_code == 200
    assert "Choose two revisions from the list" in wrong.content.decode()


def test_the_change_form_links_to_revisions_and_sets_up_autosave(editor_client):
    letter = new_letter()
    page = editor_client.get(url("change", letter.pk)).content.decode()
    assert f'href="{url("revisions", letter.pk)}"' in page
    assert f'data-autosave-url="{url("autosave", letter.pk)}"' in page
    assert 'data-autosave-seconds="30"' in page
    assert "js/autosave.js" in page and "css/admin.css" in page
    adding = editor_client.get(url("add")).content.decode()
    assert 'data-autosave-url=""' in adding and "reply-0-body" in adding  # leave warning only


# --- Autosave -----------------------------------------------------------------------------


def autosave(client, letter, **fields):
    return client.post(url("autosave", letter.pk), fields)


def test_autosave_keeps_a_draft_without_changing_the_letter(editor_client):
    letter = new_letter()
    answer = autosave(editor_client, letter, title="Money", body=EDITED, **{"reply-0-body": REPLY})
    assert answer.status_code == 200 and answer.json()["saved"] is True
    letter.refresh_from_db()
    assert letter.title == "" and letter.body == READER_WORDS
    assert not Reply.objects.exists()  # the typed reply is in the draft only
    autosave(editor_client, letter, title="Money, again", **{"reply-0-body": REPLY + " Soon."})
    # One draft between saves, the latest; below it the letter as it arrived (so the first
    # draft can be undone, as the first save can).
    assert comments(letter) == [AUTOSAVED, BEFORE_FIRST_EDIT]
    same = {"title": "Money, again", "reply-0-body": REPLY + " Soon."}
    assert autosave(editor_client, letter, **same).json()["saved"] is False
    draft = revisions_of(letter).first()
    response = editor_client.post(url("restore_revision", letter.pk, draft.pk))
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.title == "Money, again" and letter.reply.body == REPLY + " Soon."
    assert letter.status == Letter.Status.NEW


def test_autosave_refuses_bad_posts_with_a_4xx(editor_client, settings):
    letter = new_letter()
    client = Client()
    endpoint = url("autosave", letter.pk)
    assert client.post(endpoint, {"title": "x"}).status_code == 403  # not logged in
    staff = get_user_model().objects.create_user("helper", password="x-long-password-1")
    staff.is_staff = True
    staff.save()
    plain = get_user_model().objects.create_user("reader", password="x-long-password-1")
    for user in (staff, plain):  # no permission on letters; not staff
        client.force_login(user)
        assert client.post(endpoint, {"title": "x"}).status_code == 403
    assert editor_client.post(url("autosave", 999999), {"title": "x"}).status_code == 404
    assert editor_client.post(url("autosave", "not-a-number"), {"title": "x"}).status_code == 404
    assert editor_client.get(endpoint).status_code == 405
    too_long = editor_client.post(endpoint, {"title": "x" * 1000})
    assert too_long.status_code == 400 and "longer than" in too_long.json()["error"]
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    assert editor_client.post(endpoint, {"body": "word " * 5000}).status_code == 400
    latin = "body=Caf\xe9 au lait, s'il te pla\xeet".encode("latin-1")
    for charset in ("latin-1", "no-such-charset"):
        answer = editor_client.generic(
            "POST", endpoint, latin, f"application/x-www-form-urlencoded; charset={charset}"
        )
        assert answer.status_code == 200
        draft = text_of_revision(revisions_of(letter).first(), Letter)[0]
        if charset == "latin-1":
            assert draft["body"] == "Café au lait, s'il te plaît"
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(letter_editor := factories.editor(username="strict"))
    assert letter_editor.is_staff
    assert strict.post(endpoint, {"title": "no token"}).status_code == 403
    letter.refresh_from_db()
    # The letter as it arrived and the one draft: nothing from the refused posts.
    assert letter.title == "" and comments(letter) == [AUTOSAVED, BEFORE_FIRST_EDIT]


# --- Deleted with the letter ---------------------------------------------------------------


@pytest.mark.parametrize("how", ["withdrawn", "deleted in the admin"])
def test_a_letter_deleted_leaves_no_revision_of_it_or_its_reply(editor_client, how):
    letter = new_letter()
    kept = factories.letter(title="Another letter entirely")
    keep_revision(kept)
    save_form(editor_client, letter, title="Money and my brother", **{"reply-0-body": REPLY})
    autosave(editor_client, letter, **{"reply-0-body": REPLY + " More."})
    assert Version.objects.filter(serialized_data__contains="Money between siblings").exists()
    if how == "withdrawn":
        services.withdraw_letter(letter=letter)
    else:
        response = editor_client.post(url("delete", letter.pk), {"post": "yes"})
        assert response.status_code == 302
    assert not Letter.objects.filter(pk=letter.pk).exists()
    for words in ("Money", "siblings", "bakery"):
        assert not Version.objects.filter(serialized_data__contains=words).exists()
        assert not Version.objects.filter(object_repr__contains=words).exists()
    assert Revision.objects.count() == 1  # the other letter's stays
    assert revisions_of(kept).exists()


def test_articles_are_registered_and_their_revisions_go_when_deleted():
    article = factories.article()
    keep_revision(article)
    Article.objects.filter(pk=article.pk).delete()
    assert not Revision.objects.exists()


@pytest.mark.parametrize(
    "model, field",
    [("advice_letter", "title"), ("advice_letter", "reply-0-body"), ("articles_article", "title")],
)
def test_autosave_refuses_a_null_character_as_the_forms_do(editor_client, model, field):
    # PostgreSQL can't store U+0000 in text: without the check this was a 500 there.
    piece = new_letter() if model == "advice_letter" else factories.article()
    endpoint = url("autosave", piece.pk, model=model)
    answer = editor_client.post(endpoint, {field: "Kind\x00words"})
    assert answer.status_code == 400
    assert "null character" in answer.json()["error"]
    assert not revisions_of(piece).exists()
