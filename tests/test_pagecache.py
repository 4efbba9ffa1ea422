"""Whole-page caching: served without the database, fresh the moment content changes."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from advice import services
from advice.models import Letter
from articles.models import Article
from tests import factories
from tests.support import ask_data, public_pages

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

    letter = factories.letter(themes=[theme], status=Letter.Status.DRAFTED, title="Fresh news")
    services.publish_letter(letter=letter)
    for url in pages:
        assert shows(client, url, "Fresh news"), url
    assert shows(client, sitemap, letter.get_absolute_url())

    letter.title = "Edited news"
    letter.save()
    for url in pages + [letter.get_absolute_url()]:
        assert shows(client, url, "Edited news"), url

    letter.status = Letter.Status.DRAFTED
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


def test_a_scheduled_post_appears_by_itself(client, settings):
    client.get(reverse("articles:article_list"))
    factories.article(title="Right on time", published_at=timezone.now() + timedelta(minutes=1))
    assert not shows(client, reverse("articles:article_list"), "Right on time")
    # The clock moves past the publication time, well inside the page's time in the cache:
    # the cached page without the post must not be served.
    assert settings.PAGE_CACHE_SECONDS > 120
    with time_machine.travel(timedelta(minutes=2)):
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


def test_parameters_a_page_does_not_read_share_its_one_entry(client, settings):
    settings.PAGE_SIZE = 1
    newer = factories.letter(title="The newer letter", days_ago=1)
    older = factories.letter(title="The older letter", days_ago=2)
    letters = reverse("advice:letter_list")
    first = client.get(f"{letters}?utm_source=newsletter&fbclid=abc")
    assert first["X-Page-Cache"] == "miss"
    # Made as /letters/ is: links don't carry the visitor's parameters to everyone else.
    assert "utm_source" not in first.content.decode()
    for query in ["", "?page=1", "?page=01", "?utm_medium=x", "?page=1&_=12345"]:
        response = client.get(letters + query)
        assert response["X-Page-Cache"] == "hit", query
        assert response.content == first.content, query

    second = client.get(f"{letters}?page=2&utm_source=x")
    assert "The older letter" in second.content.decode()
    assert "The newer letter" not in second.content.decode()
    for query in ["?page=2", "?page=02", "?page=%2B2", "?utm_source=y&page=2"]:
        assert client.get(letters + query)["X-Page-Cache"] == "hit", query

    for url in [newer.get_absolute_url(), reverse("feeds_latest"), reverse("home")]:
        client.get(url)
        again = client.get(f"{url}?page=7&ref=twitter")  # details read no parameter at all
        assert again.status_code == 200 and again["X-Page-Cache"] == "hit", url

    sitemap = reverse("sitemap_section", args=["letters"])
    assert older.get_absolute_url() in client.get(sitemap).content.decode()
    assert client.get(f"{sitemap}?p=01&utm_source=x")["X-Page-Cache"] == "hit"


@pytest.mark.parametrize("query", ["?page=abc", "?page=99", "?page=0", "?page=-1", "?page=1.5"])
def test_a_page_number_that_names_no_page_is_a_404_and_not_kept(client, query):
    factories.letter()
    url = reverse("advice:letter_list") + query
    assert client.get(url).status_code == 404
    response = client.get(url)
    assert response.status_code == 404 and "X-Page-Cache" not in response


def test_a_cached_page_is_not_served_to_a_host_that_is_not_allowed(client, settings):
    settings.ALLOWED_HOSTS = ["testserver", "www.column.example"]
    settings.SITE_URL = "https://www.column.example"
    url = factories.letter().get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    assert client.get(url, HTTP_HOST="evil.example").status_code == 400
    # Pages name SITE_URL only, so an allowed host shares them.
    assert client.get(url, HTTP_HOST="www.column.example")["X-Page-Cache"] == "hit"


def test_a_hit_carries_every_header_a_miss_carries(client, settings):
    """Under production-like settings: HSTS on, HTTPS, debug off.

    Only X-Page-Cache differs. The ETag is the same on both: ConditionalGetMiddleware,
    outside the cache, computes it from the same content. No Date: the WSGI server adds it.
    """
    settings.DEBUG = False
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    theme = factories.theme()
    letter, article = factories.letter(themes=[theme]), factories.article(themes=[theme])
    pages = public_pages(letter=letter, article=article, theme=theme, machines=True)
    # Every public page but those that must stay fresh (never cached: tested above).
    urls = [url for name, url in pages if name not in {"search", "search-results", "ask", "status"}]
    for url in urls:
        miss = client.get(url, secure=True)
        hit = client.get(url, secure=True)
        assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit"), url
        headers = {name: value for name, value in miss.items() if name != "X-Page-Cache"}
        assert {name: value for name, value in hit.items() if name != "X-Page-Cache"} == headers
        assert hit["X-Frame-Options"] == "DENY", url
        assert "preload" in hit["Strict-Transport-Security"], url
