"""Whole-page caching: served without the database, fresh the moment content changes."""

import time
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from advice import services
from advice.models import Letter
from articles.models import Article
from tests import factories
from tests.test_ask import ask_data

pytestmark = pytest.mark.django_db


def test_a_cached_page_is_served_without_the_database(client, django_assert_num_queries):
    letter = factories.letter(title="Cached and quick")
    first = client.get(letter.get_absolute_url())
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        again = client.get(letter.get_absolute_url())
    assert again["X-Page-Cache"] == "hit"
    assert again.content == first.content
    assert "public" in again["Cache-Control"] and "max-age=60" in again["Cache-Control"]
    assert again["Content-Security-Policy"]  # security headers on cached pages too


def shows(client, url, text):
    return text in client.get(url).content.decode()


def test_publishing_editing_unpublishing_and_deleting_refresh_every_page(client):
    theme = factories.theme()
    pages = [
        reverse("home"),
        reverse("advice:letter_list"),
        theme.get_absolute_url(),
        reverse("feeds_latest"),
        reverse("feeds_theme", args=[theme.slug]),
    ]
    sitemap = reverse("sitemap_section", args=["letters"])
    for url in [*pages, sitemap]:
        client.get(url)  # cached while empty

    letter = factories.letter(themes=[theme], status=Letter.Status.ANSWERED, title="Fresh news")
    services.publish_letter(letter=letter)
    for url in pages:
        assert shows(client, url, "Fresh news"), url
    assert shows(client, sitemap, letter.get_absolute_url())

    letter.title = "Edited news"
    letter.save()
    for url in pages + [letter.get_absolute_url()]:
        assert shows(client, url, "Edited news"), url

    letter.status = Letter.Status.ANSWERED
    letter.save()
    for url in pages:
        assert not shows(client, url, "Edited news"), url
    assert not shows(client, sitemap, letter.get_absolute_url())
    assert client.get(letter.get_absolute_url()).status_code == 404

    article = factories.article(themes=[theme], title="Going soon")
    assert shows(client, reverse("articles:article_list"), "Going soon")
    article.delete()
    assert not shows(client, reverse("articles:article_list"), "Going soon")


def test_a_reply_or_theme_change_refreshes_the_pages_that_show_it(client):
    theme = factories.theme(name="Before")
    letter = factories.letter(themes=[theme], reply="The first reply.")
    assert shows(client, letter.get_absolute_url(), "The first reply.")
    letter.reply.body = "A better reply."
    letter.reply.save()
    assert shows(client, letter.get_absolute_url(), "A better reply.")
    theme.name = "After"
    theme.save()
    assert shows(client, letter.get_absolute_url(), "After")
    other = factories.theme(name="Newly added")
    letter.themes.add(other)
    assert shows(client, letter.get_absolute_url(), "Newly added")


def test_a_scheduled_post_appears_by_itself(client):
    client.get(reverse("articles:article_list"))
    factories.article(title="Right on time", published_at=timezone.now() + timedelta(seconds=1))
    assert not shows(client, reverse("articles:article_list"), "Right on time")
    time.sleep(1.2)
    assert shows(client, reverse("articles:article_list"), "Right on time")


def test_new_letters_from_readers_do_not_empty_the_cache(client):
    url = reverse("home")
    client.get(url)
    client.post(reverse("advice:ask"), ask_data())
    assert client.get(url)["X-Page-Cache"] == "hit"


@pytest.mark.parametrize("url_name", ["advice:ask", "advice:ask_status", "search", "healthz"])
def test_pages_that_must_stay_fresh_are_never_cached(client, url_name):
    client.get(reverse(url_name))
    assert "X-Page-Cache" not in client.get(reverse(url_name))


def test_staff_get_private_uncached_pages(editor_client):
    url = factories.letter().get_absolute_url()
    editor_client.get(url)
    response = editor_client.get(url)
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]


def test_a_staff_preview_never_reaches_readers(editor_client):
    draft = factories.article(status=Article.Status.DRAFT, title="Secret draft")
    assert editor_client.get(draft.get_absolute_url()).status_code == 200
    assert Client().get(draft.get_absolute_url()).status_code == 404


def test_conditional_get_answers_304(client):
    url = factories.letter().get_absolute_url()
    etag = client.get(url)["ETag"]
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304


def test_the_page_cache_can_be_turned_off(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    url = factories.letter().get_absolute_url()
    client.get(url)
    response = client.get(url)
    assert "X-Page-Cache" not in response
