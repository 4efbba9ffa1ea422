"""Titles, standfirsts and excerpts have the typography of the text they stand for.

The renderer curls quotes and makes dashes of `--` in letters and replies; a title typed
with straight quotes showed them straight above it. Wherever a reader meets a title (a
card, the page, its <title>, og:title, schema.org data, related reading, search results,
the feeds), it is curly now, and so are search excerpts, on both databases.
"""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

TITLE = 'I wasn\'t "rude" -- was I?'
CURLY = "I wasn’t “rude” – was I?"
# The straight title as a template, the JSON encoder or a feed would write it.
STRAIGHT = [
    "I wasn't",
    "I wasn&#x27;t",
    "I wasn&#39;t",
    '"rude" --',
    "&quot;rude&quot; --",
    '\\"rude\\" --',
    "-- was",
]
ATOM = "{http://www.w3.org/2005/Atom}"


def assert_only_curly(html, *, times):
    assert html.count(CURLY) >= times, html
    for straight in STRAIGHT:
        assert straight not in html


@pytest.fixture
def theme():
    return factories.theme(name="Friendship", slug="friendship")


@pytest.fixture
def letter(theme):
    return factories.letter(
        title=TITLE,
        slug="i-wasnt-rude-was-i",
        body="Dear Elizabeth,\n\nMy friend left my party early and said I had been short.",
        reply="Ask her what she heard.",
        themes=[theme],
    )


def test_the_letters_page_shows_its_title_curly_everywhere(client, letter):
    html = client.get(letter.get_absolute_url()).content.decode()

    assert f"<title>{CURLY} · " in html
    assert f'<meta property="og:title" content="{CURLY}">' in html
    assert f"<h1>{CURLY}</h1>" in html
    data = [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)
    ]
    assert data[0]["mainEntity"]["name"] == CURLY
    assert data[1]["itemListElement"][-1]["name"] == CURLY
    assert_only_curly(html, times=5)


@pytest.mark.parametrize("page", ["home", "advice:letter_list", "theme"])
def test_a_card_shows_the_title_curly(client, letter, theme, page):
    url = theme.get_absolute_url() if page == "theme" else reverse(page)
    html = client.get(url).content.decode()

    assert f'<a href="{letter.get_absolute_url()}">{CURLY}</a>' in html
    assert_only_curly(html, times=1)


def test_related_reading_shows_the_title_curly(client, letter, theme):
    other = factories.letter(title="A quieter letter", themes=[theme])
    html = client.get(other.get_absolute_url()).content.decode()

    assert f'<a href="{letter.get_absolute_url()}">{CURLY}</a>' in html
    assert_only_curly(html, times=1)


def test_the_feeds_give_the_title_curly(client, letter, theme):
    for url in (reverse("feeds_latest"), reverse("feeds_theme", args=[theme.slug])):
        feed = ET.fromstring(client.get(url).content)
        titles = [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]
        assert titles == [CURLY]


def test_search_shows_the_title_and_the_excerpt_curly(client):
    factories.letter(
        title=TITLE,
        body='She said "you were rude" -- and then she left.',
        reply="Ask her what she heard.",
    )
    html = client.get(reverse("search"), {"q": "rude"}).content.decode()

    assert f">{CURLY}</a></h3>" in html
    assert "“you were <mark>rude</mark>” – and then she left." in html
    assert_only_curly(html, times=1)


def test_an_articles_title_and_standfirst_are_curly_on_its_page_its_card_and_the_feed(client):
    article = factories.article(
        title='"No" -- a whole sentence',
        standfirst="It's shorter than an excuse... and kinder.",
    )
    title, standfirst = "“No” – a whole sentence", "It’s shorter than an excuse… and kinder."

    page = client.get(article.get_absolute_url()).content.decode()
    assert f"<title>{title} · " in page and f"<h1>{title}</h1>" in page
    assert f'<meta name="description" content="{standfirst}">' in page
    assert f'<p class="standfirst">{standfirst}</p>' in page
    card = client.get(reverse("articles:article_list")).content.decode()
    assert f">{title}</a>" in card and f'<p class="card__excerpt">{standfirst}</p>' in card
    entry = next(ET.fromstring(client.get(reverse("feeds_latest")).content).iter(f"{ATOM}entry"))
    assert entry.findtext(f"{ATOM}title") == title
    assert entry.findtext(f"{ATOM}summary") == standfirst
    for html in (page, card):
        assert "&quot;No&quot;" not in html and "It&#x27;s" not in html


def test_a_title_is_plain_text_not_markdown(client):
    letter = factories.letter(title="Is *this* a [link](https://example.org)?")
    html = client.get(letter.get_absolute_url()).content.decode()

    assert "<h1>Is *this* a [link](https://example.org)?</h1>" in html
