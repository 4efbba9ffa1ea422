"""Feeds, sitemaps and robots.txt: valid XML, published items only, addresses on SITE_URL."""

import xml.etree.ElementTree as ET
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from advice.models import Letter, Reply, Theme
from articles.models import Article
from tests import factories

pytestmark = pytest.mark.django_db

ATOM = {"atom": "http://www.w3.org/2005/Atom"}
SITEMAP = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
SITE_URL = "https://column.example.org"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE_URL


@pytest.fixture(autouse=True)
def fresh_cache():
    """Feeds and sitemaps are cached responses: each test starts without them."""
    cache.clear()
    yield
    cache.clear()


def entries(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    return feed, feed.findall("atom:entry", ATOM)


def hidden_items(theme=None):
    themes = [theme] if theme else []
    factories.letter(title="Draft letter", status=Letter.Status.DRAFTED, themes=themes)
    factories.letter(
        title="Scheduled letter", published_at=timezone.now() + timedelta(days=1), themes=themes
    )
    factories.article(title="Draft article", status=Article.Status.DRAFT, themes=themes)
    factories.article(
        title="Scheduled article", published_at=timezone.now() + timedelta(hours=2), themes=themes
    )


def test_the_latest_feed_holds_the_newest_published_letters_and_articles(client):
    hidden_items()
    for n in range(12):
        factories.letter(title=f"Letter {n}", days_ago=n * 2 + 1)
        factories.article(title=f"Article {n}", days_ago=n * 2 + 2)
    feed, items = entries(client, reverse("feeds_latest"))

    titles = [item.findtext("atom:title", namespaces=ATOM) for item in items]
    assert titles[:4] == ["Letter 0", "Article 0", "Letter 1", "Article 1"]
    assert len(titles) == 20
    assert not any(word in title for title in titles for word in ("Draft", "Scheduled"))
    assert feed.find("atom:link[@rel='self']", ATOM).get("href") == SITE_URL + "/feeds/latest/"


def test_each_entry_has_title_link_dates_author_summary_and_the_whole_piece(client):
    letter = factories.letter(
        title="He never asks about my day",
        body="Dear Elizabeth, he never asks. What should I do?",
        sign_off="Unheard in Hull",
        reply="**Ask him** for what you need.",
    )
    factories.article(title="On listening", byline="Sam Okafor", standfirst="Why it matters.")
    _, items = entries(client, reverse("feeds_latest"))
    entry = next(i for i in items if i.findtext("atom:title", namespaces=ATOM) == letter.title)

    assert entry.find("atom:link", ATOM).get("href") == SITE_URL + letter.get_absolute_url()
    assert entry.findtext("atom:published", namespaces=ATOM).startswith(
        letter.published_at.date().isoformat()
    )
    assert entry.findtext("atom:updated", namespaces=ATOM)
    assert entry.findtext("atom:author/atom:name", namespaces=ATOM) == "Elizabeth"
    assert entry.findtext("atom:summary", namespaces=ATOM) == "He never asks."
    content = entry.find("atom:content", ATOM)
    assert content.get("type") == "html"
    assert "<strong>Ask him</strong>" in content.text and "Unheard in Hull" in content.text
    article = next(i for i in items if i.findtext("atom:title", namespaces=ATOM) == "On listening")
    assert article.findtext("atom:author/atom:name", namespaces=ATOM) == "Sam Okafor"
    assert article.findtext("atom:summary", namespaces=ATOM) == "Why it matters."


def test_the_feed_escapes_titles_and_sanitises_content(client):
    hostile = "</script><script>alert(1)</script> & <b>friends</b>"
    factories.letter(
        title=hostile,
        body='Dear Elizabeth, <img src=x onerror="alert(2)"> [x](javascript:alert(3))',
        reply="<script>alert(4)</script><iframe src='https://evil.example'></iframe>Be kind.",
    )
    factories.letter(title="A bell\x07 in the title")
    response = client.get(reverse("feeds_latest"))
    raw = response.content.decode()
    assert "<script>" not in raw and "</script><script>" not in raw

    _, items = entries(client, reverse("feeds_latest"))
    titles = [item.findtext("atom:title", namespaces=ATOM) for item in items]
    assert hostile in titles and "A bell in the title" in titles
    content = items[titles.index(hostile)].findtext("atom:content", namespaces=ATOM)
    for unsafe in ("<script", "onerror", "javascript:", "<iframe", "alert"):
        assert unsafe not in content
    assert "Be kind." in content


# The renderer's payloads (tests/test_markdown.py), and HTML written as entities: plain text
# unescapes those, so they must never reach a place a feed reader renders as HTML.
XSS_PAYLOADS = [
    "Hello <script>alert('x')</script>",
    '<img src="x.png" onerror="alert(1)">',
    "[click me](javascript:alert(1))",
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    "![pixel](data:image/png;base64,iVBORw0KGgo=)",
    "[file](data:text/html,<b>hi</b>)",
    '<iframe src="https://example.org/"></iframe>',
    "<style>body{display:none}</style>",
    '<p style="position:fixed">x</p>',
    '<form action="/x"><input name="a"></form>',
    '[x](https://example.org/){: onclick="alert(1)" }',
    "&lt;img src=x onerror=alert(1)&gt;",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;svg onload=alert(1)&#62;",
]
UNSAFE_TAGS = {"script", "iframe", "style", "form", "input", "object", "embed", "svg", "base"}
# Atom's text constructs (RFC 4287 §3.1), the only elements a reader may render as HTML.
TEXT_CONSTRUCTS = {
    f"{{{ATOM['atom']}}}{name}" for name in ("title", "subtitle", "summary", "content", "rights")
}


class MarkupCollector(HTMLParser):
    """The tags and attributes an HTML fragment would make, as a browser's parser sees it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def live_markup(feed):
    """What could run in a feed reader: unsafe tags, on… and style attributes, and
    javascript:/data: addresses, in every element a reader renders as HTML (RFC 4287 §3.1:
    type="html"; "text", the default, is shown as text)."""
    found = []
    for element in (node for node in feed.iter() if node.tag in TEXT_CONSTRUCTS):
        kind = element.get("type", "text")
        assert kind in ("text", "html"), f"{element.tag} has type {kind}"
        if kind == "text":
            continue
        collector = MarkupCollector()
        collector.feed(element.text or "")
        for tag, attributes in collector.tags:
            if tag in UNSAFE_TAGS:
                found.append(f"<{tag}> in {element.tag}")
            for name, value in attributes.items():
                address = "".join((value or "").split()).lower()
                if name.startswith("on") or name == "style":
                    found.append(f"{name}= in {element.tag}")
                if address.startswith(("javascript:", "data:", "vbscript:")):
                    found.append(f"{name}={value} in {element.tag}")
    return found


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_no_string_a_feed_carries_becomes_live_markup_in_a_feed_reader(client, payload):
    theme = factories.theme(slug="hostile")
    letter = factories.letter(themes=[theme])
    article = factories.article(themes=[theme])
    # Written past validation, as a row that predates it (or an import) would be.
    Theme.objects.filter(pk=theme.pk).update(name=payload[:80])
    Letter.objects.filter(pk=letter.pk).update(title=payload, body=payload, sign_off=payload)
    Reply.objects.filter(letter=letter).update(
        body=payload, columnist_name=payload, sign_off=payload
    )
    Article.objects.filter(pk=article.pk).update(
        title=payload, byline=payload, standfirst=payload, body=payload
    )
    for url in (reverse("feeds_latest"), reverse("feeds_theme", kwargs={"slug": "hostile"})):
        feed, items = entries(client, url)
        assert len(items) == 2
        assert live_markup(feed) == [], url
        for item in items:
            assert item.find("atom:summary", ATOM).get("type") == "text"


def test_a_summary_is_the_plain_text_the_page_shows(client):
    factories.letter(body="Dear Elizabeth, I wrote &lt;img src=x onerror=alert(1)&gt; once.")
    factories.article(standfirst="Tags like <b>this</b> & that, as written.")
    _, items = entries(client, reverse("feeds_latest"))
    summaries = {item.findtext("atom:summary", namespaces=ATOM) for item in items}
    assert summaries == {
        "I wrote <img src=x onerror=alert(1)> once.",
        "Tags like <b>this</b> & that, as written.",
    }


def test_a_theme_feed_holds_only_that_themes_published_items(client):
    theme, other = factories.theme(name="Grief"), factories.theme(name="Money")
    hidden_items(theme)
    factories.letter(title="Grief letter", themes=[theme])
    factories.article(title="Grief article", themes=[theme, other])
    factories.letter(title="Money letter", themes=[other])
    feed, items = entries(client, reverse("feeds_theme", kwargs={"slug": theme.slug}))
    titles = sorted(item.findtext("atom:title", namespaces=ATOM) for item in items)
    assert titles == ["Grief article", "Grief letter"]
    assert feed.findtext("atom:title", namespaces=ATOM).endswith("Grief")
    assert client.get(reverse("feeds_theme", kwargs={"slug": "nope"})).status_code == 404


def feed_ids(client, theme):
    """{(feed, title): the entry's id} in the latest, theme and podcast feeds."""
    found = {}
    for name, url in [
        ("latest", reverse("feeds_latest")),
        ("theme", reverse("feeds_theme", kwargs={"slug": theme.slug})),
    ]:
        for entry in entries(client, url)[1]:
            found[name, entry.findtext("atom:title", namespaces=ATOM)] = entry.findtext(
                "atom:id", namespaces=ATOM
            )
    for item in ET.fromstring(client.get(reverse("feeds_podcast")).content).iter("item"):
        guid = item.find("guid")
        found["podcast", item.findtext("title")] = (guid.text, guid.get("isPermaLink"))
    cache.clear()
    return found


def test_a_renamed_slug_keeps_each_entrys_id_in_every_feed(client):
    # Else feed readers show the piece again as new, and podcast apps download it again.
    theme = factories.theme(name="Grief")
    letter = factories.letter(title="A letter", slug="a-letter", themes=[theme])
    article = factories.article(title="An article", slug="an-article", themes=[theme])
    for piece in (letter, article):
        type(piece).objects.filter(pk=piece.pk).update(
            recording=f"recordings/{piece.pk}.mp3", recording_seconds=2, recording_bytes=9
        )
    before = feed_ids(client, theme)
    letter_id = f"tag:column.example.org,2026:letter-{letter.pk}"
    article_id = f"tag:column.example.org,2026:article-{article.pk}"
    assert before == {
        ("latest", "A letter"): letter_id,
        ("latest", "An article"): article_id,
        ("theme", "A letter"): letter_id,
        ("theme", "An article"): article_id,
        ("podcast", "A letter"): (letter_id, "false"),
        ("podcast", "An article"): (article_id, "false"),
    }
    for piece in (letter, article):
        piece.refresh_from_db()
        piece.slug += "-renamed"
        piece.save()
    assert feed_ids(client, theme) == before


def test_feeds_run_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    theme = factories.theme()
    for n in range(25):
        factories.letter(themes=[theme, factories.theme()], days_ago=n)
        factories.article(themes=[theme], days_ago=n)
    # Rows, then letters with replies, their themes and their writers' published updates
    # (advice.letter_updates), articles and their themes.
    with django_assert_max_num_queries(6):
        assert len(entries(client, reverse("feeds_latest"))[1]) == 20
    with django_assert_max_num_queries(7):
        assert len(entries(client, reverse("feeds_theme", kwargs={"slug": theme.slug}))[1]) == 20


def test_pages_link_to_their_feeds(client):
    theme = factories.theme()
    home = client.get(reverse("home")).content.decode()
    assert '<link rel="alternate" type="application/atom+xml"' in home
    assert f'href="{reverse("feeds_latest")}"' in home
    theme_page = client.get(theme.get_absolute_url()).content.decode()
    assert f'href="{reverse("feeds_theme", kwargs={"slug": theme.slug})}"' in theme_page


def sitemap_locations(client, url):
    response = client.get(url)
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {
        node.findtext("sm:loc", namespaces=SITEMAP): node.findtext("sm:lastmod", namespaces=SITEMAP)
        for node in root
    }


def test_the_sitemap_lists_exactly_the_published_items_and_every_theme(client):
    theme = factories.theme()
    hidden_items(theme)
    letter = factories.letter(themes=[theme], days_ago=3)
    article = factories.article()
    empty_theme = factories.theme()

    index = sitemap_locations(client, reverse("sitemap"))
    sections = [
        SITE_URL + f"/sitemap-{section}.xml"
        for section in ("letters", "articles", "series", "themes")
    ]
    assert sorted(index) == sorted(sections)

    urls = {}
    for section in sections:
        urls |= sitemap_locations(client, section.removeprefix(SITE_URL))
    assert set(urls) == {
        SITE_URL + letter.get_absolute_url(),
        SITE_URL + article.get_absolute_url(),
        SITE_URL + theme.get_absolute_url(),
        SITE_URL + empty_theme.get_absolute_url(),
    }
    assert urls[SITE_URL + letter.get_absolute_url()] == letter.updated_at.date().isoformat()
    assert urls[SITE_URL + theme.get_absolute_url()] == letter.published_at.date().isoformat()
    assert urls[SITE_URL + empty_theme.get_absolute_url()] is None


def test_robots_txt_keeps_crawlers_out_of_private_pages_and_points_to_the_sitemap(client):
    response = client.get(reverse("robots_txt"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines and "Disallow: /ask/status/" in lines
    assert f"Sitemap: {SITE_URL}/sitemap.xml" in lines
