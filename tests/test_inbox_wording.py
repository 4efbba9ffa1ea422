"""The editors' inbox in words: what each letter's status and e-mail state are, what saving
did (with a link to see it), and column headings that tell the columns apart."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from advice import services
from advice.admin import email_state, status_in_words
from advice.models import Letter
from tests import factories
from tests.support import CORRECTIONS_NONE, change_form_data

pytestmark = pytest.mark.django_db


def nine_in_the_morning(days):
    """A local time `days` from now, at 09:00."""
    day = timezone.localtime() + timedelta(days=days)
    return day.replace(hour=9, minute=0, second=0, microsecond=0)


def test_status_in_words():
    assert status_in_words(factories.letter(status=Letter.Status.NEW, reply=None)) == "New"
    shortlisted = factories.letter(status=Letter.Status.SHORTLISTED, reply=None)
    assert status_in_words(shortlisted) == "Shortlisted"
    assert status_in_words(factories.letter(status=Letter.Status.DRAFTED)) == "Reply drafted"

    when = nine_in_the_morning(4)
    scheduled = factories.letter(published_at=when)
    words = status_in_words(scheduled)
    assert re.fullmatch(rf"Scheduled for {when.day} {when:%b}( \d{{4}})?, 09:00", words)

    published = factories.letter(published_at=timezone.now() - timedelta(days=1))
    day = timezone.localtime(published.published_at)
    assert re.fullmatch(rf"Published {day.day} {day:%b}( \d{{4}})?", status_in_words(published))


def test_the_inbox_says_scheduled_not_published_with_a_cross(editor_client):
    factories.letter(title="Waiting for its morning", published_at=nine_in_the_morning(4))
    html = editor_client.get(reverse("admin:advice_letter_changelist")).content.decode()
    assert "Scheduled for " in html
    assert "icon-no.svg" not in html  # no red ✗ beside a letter that is on its way


def test_column_headings_are_distinct_and_suggestions_are_folded_in(editor_client):
    grief = factories.theme(name="Grief")
    letter = factories.letter(status=Letter.Status.NEW, reply=None, title="")
    letter.suggested_themes.set([grief])
    html = editor_client.get(reverse("admin:advice_letter_changelist")).content.decode()
    html = html[html.index('id="result_list"') :]
    headings = re.findall(r'<th scope="col" class="[^"]*column-(\w+)', html)
    texts = [
        re.sub(r"<[^>]+>", "", match).strip().lower()
        for match in re.findall(r'<th scope="col"[^>]*>(.*?)</th>', html, re.DOTALL)
    ]
    texts = [text for text in texts if text]
    assert len(texts) == len(set(texts)), texts
    assert "public now" not in texts and "suggested themes" not in texts
    assert "status" in texts and "themes" in texts and "received" in texts
    assert len(headings) == 5  # letter, sign-off, received, status, themes
    assert "suggested: Grief" in html


def test_email_states_say_what_happened(django_capture_on_commit_callbacks):
    waiting = factories.letter(status=Letter.Status.SHORTLISTED, email="reader@example.org")
    assert email_state(waiting) == "Will be told when published"

    no_address = factories.letter(status=Letter.Status.NEW, reply=None)
    assert email_state(no_address) == "No e-mail address given"

    told = factories.letter(
        status=Letter.Status.DRAFTED, email="told@example.org", published_at=None
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_letter(letter=told)
    told.refresh_from_db()
    assert len(mail.outbox) == 1 and told.email == ""
    sent = timezone.localtime(told.outcome_emailed_at)
    assert abs(timezone.now() - sent) < timedelta(minutes=1)
    assert email_state(told) == f"Told {sent.day} {sent:%b}, {sent:%H:%M} — address erased"

    declined = factories.letter(status=Letter.Status.NEW, reply=None, email="no@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.decline_letter(letter=declined)
    declined.refresh_from_db()
    assert email_state(declined).startswith("Told it could not be answered")


def test_the_change_form_shows_the_email_state_in_words(editor_client):
    letter = factories.letter(status=Letter.Status.SHORTLISTED, email="reader@example.org")
    change = editor_client.get(reverse("admin:advice_letter_change", args=[letter.pk]))
    html = change.content.decode()
    assert "Will be told when published" in html
    assert "reader asked to be told" not in html.lower()


def test_saving_a_published_letter_says_view_it_with_a_link(editor_client):
    letter = factories.letter(status=Letter.Status.SHORTLISTED, title="Lonely", reply=None)
    response = editor_client.post(
        reverse("admin:advice_letter_change", args=[letter.pk]),
        change_form_data(letter, status="published", **{"reply-0-body": "Go along anyway."}),
        follow=True,
    )
    letter.refresh_from_db()
    assert letter.is_published
    html = response.content.decode()
    assert f'Published — <a href="{letter.get_absolute_url()}">view it</a>' in html


def test_saving_a_scheduled_letter_says_preview_it(editor_client):
    when = nine_in_the_morning(5)
    letter = factories.letter(title="Not yet, but soon", published_at=when, reply=None)
    local = timezone.localtime(when)
    response = editor_client.post(
        reverse("admin:advice_letter_change", args=[letter.pk]),
        change_form_data(
            letter,
            published_at_0=local.strftime("%Y-%m-%d"),
            published_at_1="09:00:00",
            **{"reply-0-body": "Soon is soon enough."},
        ),
        follow=True,
    )
    html = response.content.decode()
    assert "Scheduled for " in html
    assert f'<a href="{letter.get_absolute_url()}">preview it</a>' in html


def test_no_view_on_site_for_a_letter_without_a_title(editor_client):
    letter = factories.letter(status=Letter.Status.NEW, reply=None, title="")
    html = editor_client.get(
        reverse("admin:advice_letter_change", args=[letter.pk])
    ).content.decode()
    assert "viewsitelink" not in html and "/letters/None/" not in html
    titled = factories.letter(status=Letter.Status.NEW, reply=None, title="Has a page")
    html = editor_client.get(
        reverse("admin:advice_letter_change", args=[titled.pk])
    ).content.decode()
    assert "viewsitelink" in html


def test_saving_articles_says_view_it_or_preview_it(admin_client):
    article = factories.article(title="Saying no kindly")
    data = {
        "title": article.title,
        "slug": article.slug,
        "byline": article.byline,
        "standfirst": article.standfirst,
        "body": article.body,
        "status": "published",
        "published_at_0": "",
        "published_at_1": "",
        "series_part": "",
        **CORRECTIONS_NONE,
    }
    url = reverse("admin:articles_article_change", args=[article.pk])
    html = admin_client.post(url, data, follow=True).content.decode()
    assert f'Published — <a href="{article.get_absolute_url()}">view it</a>' in html

    later = timezone.localtime(nine_in_the_morning(3))
    data.update(published_at_0=later.strftime("%Y-%m-%d"), published_at_1="09:00:00")
    html = admin_client.post(url, data, follow=True).content.decode()
    assert f'<a href="{article.get_absolute_url()}">preview it</a>' in html
    assert "Scheduled for " in html
