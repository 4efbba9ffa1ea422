"""Series: /series/<slug>/ with its parts in order, "Part 2 of 3 · Series" on cards and
article pages, related reading without the series' own parts, and the sitemap."""

import json
import re
from datetime import timedelta
from urllib.parse import quote
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests import factories

pytestmark = pytest.mark.django_db

SITEMAP = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def make_series(*, parts=3, title="Starting over", slug="starting-over", **fields):
    """A series with `parts` published parts, numbered 1… in order, the first the oldest."""
    series = factories.series(title=title, slug=slug, **fields)
    articles = [
        factories.article(
            title=f"Starting over, part {n}", series=series, series_part=n, days_ago=10 - n
        )
        for n in range(1, parts + 1)
    ]
    return series, articles


def text(response):
    assert response.status_code == 200, response.status_code
    return re.sub(r"\s+", " ", response.content.decode())


def json_ld(html, kind):
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
        data = json.loads(block)
        if data.get("@type") == kind:
            return data
    raise AssertionError(f"no {kind} data")


def test_the_series_page_shows_its_description_and_its_parts_in_order(client):
    series, articles = make_series(
        description="Three letters about **beginning again**.\n\n<script>alert(1)</script>"
    )
    # Saved in another order than they are read: the page goes by part number.
    articles[0].published_at = timezone.now() - timedelta(hours=1)
    articles[0].save()
    html = text(client.get(series.get_absolute_url()))
    assert "<h1>Starting over</h1>" in html
    assert "<strong>beginning again</strong>" in html and "<script>alert" not in html
    positions = [html.index(article.title) for article in articles]
    assert positions == sorted(positions)
    assert [f"Part {n}" in html for n in (1, 2, 3)] == [True] * 3


def test_unpublished_parts_are_not_on_the_series_page_nor_counted(client):
    series, articles = make_series(parts=2)
    draft = factories.article(
        title="A part still being written", series=series, series_part=3, status="draft"
    )
    scheduled = factories.article(
        title="A part that comes out next week",
        series=series,
        series_part=4,
        published_at=timezone.now() + timedelta(days=7),
    )
    html = text(client.get(series.get_absolute_url()))
    assert draft.title not in html and scheduled.title not in html
    assert "A series in 2 parts" in html
    article_page = text(client.get(articles[1].get_absolute_url()))
    assert "Part 2 of 2 · Starting over" in article_page


def test_a_series_with_nothing_published_has_no_page(client):
    series = factories.series(slug="not-yet")
    factories.article(series=series, series_part=1, status="draft")
    assert client.get(series.get_absolute_url()).status_code == 404
    assert client.get("/series/no-such-series/").status_code == 404
    assert client.get("/series/%F0%9F%92%94/").status_code == 404


def test_a_series_in_another_script_has_its_page(client):
    series, articles = make_series(title="Начать сначала", slug="начать-сначала")
    assert series.get_absolute_url() == f"/series/{quote('начать-сначала')}/"
    assert articles[0].title in text(client.get(series.get_absolute_url()))


def test_cards_say_which_part_of_which_series_linking_to_it(client):
    series, articles = make_series(parts=3)
    factories.article(title="A part still to come", series=series, series_part=4, status="draft")
    lone = factories.article(title="An article of its own")
    html = text(client.get(reverse("articles:article_list")))
    link = f'<a href="{series.get_absolute_url()}">Part 2 of 3 · Starting over</a>'
    assert link in html
    card = html[html.index(lone.title) :]
    assert "Part " not in card[: card.index("</article>")]
    assert "Part 1 of 3 · Starting over" in text(client.get(reverse("home")))


def test_the_article_page_names_its_part_and_links_the_series(client):
    series, articles = make_series(parts=3)
    html = text(client.get(articles[1].get_absolute_url()))
    assert f'<a href="{series.get_absolute_url()}">Part 2 of 3 · Starting over</a>' in html
    assert 'rel="prev"' in html and "← Part 1:" in html and "Part 3:" in html
    data = json_ld(html, "Article")
    assert data["isPartOf"]["@type"] == "CreativeWorkSeries" and data["position"] == 2


def test_the_series_page_has_its_structured_data_and_breadcrumb(client):
    series, articles = make_series(parts=2)
    html = text(client.get(series.get_absolute_url()))
    data = json_ld(html, "CreativeWorkSeries")
    assert data["name"] == "Starting over"
    assert [(part["position"], part["headline"]) for part in data["hasPart"]] == [
        (1, articles[0].title),
        (2, articles[1].title),
    ]
    crumbs = json_ld(html, "BreadcrumbList")["itemListElement"]
    assert [crumb["name"] for crumb in crumbs] == ["Home", "Articles", "Starting over"]
    assert 'aria-label="Breadcrumb"' in html


def count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # counts and related reading are remembered after the first time
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_part_labels_cost_no_query_per_card_or_part(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    theme = factories.theme()
    small, _ = make_series(parts=2)
    for article in Article.objects.all():
        article.themes.set([theme])
    pages = lambda series: [  # noqa: E731
        reverse("articles:article_list"),
        reverse("home"),
        theme.get_absolute_url(),
        series.get_absolute_url(),
        series.articles.order_by("series_part").last().get_absolute_url(),
    ]
    few = [count_queries(client, url) for url in pages(small)]
    large, _ = make_series(parts=9, title="A long road", slug="a-long-road")
    for article in Article.objects.all():
        article.themes.set([theme])
    many = [count_queries(client, url) for url in pages(large)]
    assert many == few
    assert "Part 9 of 9 · A long road" in text(client.get(reverse("articles:article_list")))


def test_related_reading_leaves_out_the_series_own_parts(client):
    theme = factories.theme()
    series, articles = make_series(parts=3)
    for article in articles:
        article.themes.set([theme])
    elsewhere = factories.article(title="Another piece on starting over", themes=[theme])
    letter = factories.letter(title="I moved away and started again", themes=[theme])
    html = text(client.get(articles[0].get_absolute_url()))
    related = html[html.index('id="related-heading"') :]
    assert elsewhere.title in related and letter.title in related
    assert articles[1].title not in related and articles[2].title not in related
    # The series box lists them instead.
    box = html[html.index('id="series-heading"') : html.index('id="related-heading"')]
    assert articles[1].title in box and articles[2].title in box


def test_the_sitemap_lists_series_with_a_published_part(client):
    series, articles = make_series(parts=2)
    unpublished = factories.series(slug="nothing-out-yet")
    factories.article(series=unpublished, series_part=1, status="draft")
    index = client.get(reverse("sitemap")).content.decode()
    assert "/sitemap-series.xml" in index
    sitemap = ElementTree.fromstring(
        client.get(reverse("sitemap_section", args=["series"])).content
    )
    urls = sitemap.findall("sm:url", SITEMAP)
    assert [url.find("sm:loc", SITEMAP).text for url in urls] == [
        "http://testserver" + series.get_absolute_url()
    ]
    assert (
        urls[0]
        .find("sm:lastmod", SITEMAP)
        .text.startswith(articles[1].published_at.date().isoformat())
    )


def test_a_renamed_series_keeps_its_old_address(client):
    from articles.services import upsert_series

    series, _ = make_series(parts=1)
    upsert_series(match={"pk": series.pk}, fields={"slug": "beginning-again"})
    response = client.get("/series/starting-over/")
    assert response.status_code == 301 and response["Location"] == "/series/beginning-again/"
