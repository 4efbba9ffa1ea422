"""Addresses with slugs in any script: every page type that has a slug in its address, its
links in pages, feeds, sitemaps and structured data, search's theme filter, the page cache
and the admin; through the test client, and through gunicorn with the percent-encoded
requests a browser sends.

A browser shows /themes/дружба/ and sends /themes/%D0%B4%D1%80%D1%83%D0%B6%D0%B1%D0%B0/;
every link the site writes is that URI, which decodes to the slug.
"""

import re
import unicodedata
from urllib.parse import quote, unquote
from xml.etree import ElementTree

import pytest
from django.urls import reverse

from advice.models import Theme
from articles.models import Series
from tests import factories
from tests.live import Visitor, gunicorn, seeded_database

THEME = "дружба"
LETTER = "मेरी सहेली जवाब नहीं देती"  # Hindi: vowel signs and a nasal mark in the slug
LETTER_SLUG = "मेरी-सहेली-जवाब-नहीं-देती"
SERIES = "Νέα αρχή"
PARTS = ["Όταν ο αδελφός σου δεν ακούει", "స్నేహితురాలు దూరమైనప్పుడు"]
SITEMAP = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
ATOM = {"atom": "http://www.w3.org/2005/Atom"}


@pytest.fixture
def column(db):
    """A theme, a letter and a series of two articles, each with a slug in another script."""
    theme = factories.theme(name="Дружба", slug="")
    letter = factories.letter(title=LETTER, themes=[theme])
    series = factories.series(title=SERIES, slug="")
    parts = [
        factories.article(title=title, series=series, series_part=n, themes=[theme])
        for n, title in enumerate(PARTS, start=1)
    ]
    return theme, letter, series, parts


def is_uri_of(link, path):
    """Whether `link` is an ASCII URI (percent-encoded) that decodes to `path`'s address."""
    return link.isascii() and unquote(link).endswith(path)


def head_links(html):
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1)
    og_url = re.search(r'<meta property="og:url" content="([^"]+)"', html).group(1)
    return canonical, og_url


# --- Slugs -------------------------------------------------------------------------------


def test_slugs_are_made_in_the_script_of_the_name_or_title(column):
    theme, letter, series, parts = column
    assert theme.slug == THEME
    assert letter.slug == LETTER_SLUG
    assert series.slug == "νέα-αρχή"
    assert [part.slug for part in parts] == [
        "όταν-ο-αδελφός-σου-δεν-ακούει",
        "స్నేహితురాలు-దూరమైనప్పుడు",
    ]


# --- Pages -------------------------------------------------------------------------------


def test_a_letter_page_has_its_address_in_its_script(client, column):
    _, letter, _, _ = column
    url = letter.get_absolute_url()
    assert is_uri_of(url, f"/letters/{LETTER_SLUG}/")

    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200 and LETTER in html
    canonical, og_url = head_links(html)
    assert canonical == og_url and is_uri_of(canonical, f"/letters/{LETTER_SLUG}/")
    structured = re.search(r'"url":"([^"]+)"', html).group(1)
    assert is_uri_of(structured, f"/letters/{LETTER_SLUG}/#reply-heading")


def test_the_same_address_typed_unencoded_or_in_another_normal_form_is_the_same_page(
    client, column
):
    _, _, _, parts = column
    typed = f"/articles/{parts[0].slug}/"
    assert client.get(typed).status_code == 200
    # A Mac's keyboard may send "ό" as "ο" and a combining accent: the same page, at its
    # one address, so that search engines and the page cache see one page, not two.
    response = client.get(unicodedata.normalize("NFD", typed), {"page": "1"})
    assert response.status_code == 301
    assert unquote(response["Location"]) == f"{typed}?page=1"
    assert response["Location"].isascii()
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize(
    "typed",
    [
        "/articles/ｂｒａｃｋｅｔｓ/",  # fullwidth letters, as a Japanese keyboard types them
        "/articles/bｒackets/",
        "/articles/ﬁnding-brackets/",  # a ligature
    ],
)
def test_an_address_in_compatibility_characters_redirects_to_the_page(client, db, typed):
    factories.article(title="Brackets")
    factories.article(title="Finding brackets")
    response = client.get(typed)
    assert response.status_code == 301
    assert response["Location"] == unicodedata.normalize("NFKC", typed)
    html = client.get(response["Location"]).content.decode()
    assert head_links(html)[0].endswith(response["Location"])


def test_an_address_that_is_no_page_in_any_form_is_left_alone(client, db):
    response = client.get("/2019/05/ｗｈｅｎ-he-left/")
    assert response.status_code == 404


def test_an_article_page_links_to_the_other_parts_of_its_series(client, column):
    _, _, _, parts = column
    page = client.get(parts[0].get_absolute_url())
    html = page.content.decode()
    assert page.status_code == 200 and SERIES in html

    following = re.search(r'<a rel="next" href="([^"]+)"', html).group(1)
    assert is_uri_of(following, f"/articles/{parts[1].slug}/")
    assert PARTS[1] in client.get(following).content.decode()


def test_a_theme_page_lists_its_letters_and_articles_and_links_its_feed(client, column):
    theme, letter, _, parts = column
    url = theme.get_absolute_url()
    assert is_uri_of(url, f"/themes/{THEME}/")

    html = client.get(url).content.decode()
    assert "Дружба" in html and LETTER in html and PARTS[0] in html
    feeds = re.findall(
        r'<link rel="alternate" type="application/atom\+xml"[^>]*href="([^"]+)"', html
    )
    assert any(is_uri_of(feed, f"/feeds/themes/{THEME}/") for feed in feeds)


def test_the_theme_feed_is_atom_with_uris(client, column):
    theme, letter, _, parts = column
    response = client.get(reverse("feeds_theme", kwargs={"slug": theme.slug}))
    assert response.status_code == 200

    feed = ElementTree.fromstring(response.content)  # a strict XML parser
    assert feed.findtext("atom:title", namespaces=ATOM).endswith("Дружба")
    self_link = feed.find("atom:link[@rel='self']", ATOM).get("href")
    assert is_uri_of(self_link, f"/feeds/themes/{THEME}/")
    links = [
        entry.find("atom:link", ATOM).get("href") for entry in feed.iterfind("atom:entry", ATOM)
    ]
    assert len(links) == 3 and all(link.isascii() for link in links)
    assert {unquote(link).rpartition("testserver")[2] for link in links} == {
        f"/letters/{LETTER_SLUG}/",
        *(f"/articles/{part.slug}/" for part in parts),
    }


def test_the_sitemaps_list_every_address_as_a_uri(client, column):
    theme, letter, _, parts = column
    locations = []
    for section in ("letters", "articles", "themes"):
        response = client.get(reverse("sitemap_section", kwargs={"section": section}))
        assert response.status_code == 200
        sitemap = ElementTree.fromstring(response.content)
        locations += [loc.text for loc in sitemap.iterfind("sm:url/sm:loc", SITEMAP)]

    assert all(location.isascii() for location in locations)
    paths = {unquote(location).rpartition("testserver")[2] for location in locations}
    assert paths == {
        f"/letters/{LETTER_SLUG}/",
        f"/themes/{THEME}/",
        *(f"/articles/{part.slug}/" for part in parts),
    }


def test_search_filters_by_a_theme_in_any_script(client, column):
    factories.letter(title="Nobody asks me along either")  # a match outside the theme
    response = client.get(reverse("search"), {"q": "friends", "theme": THEME})
    html = response.content.decode()

    assert response.status_code == 200
    assert LETTER in html and "Nobody asks me along" not in html
    assert re.search(rf'<option value="{THEME}" selected>Дружба</option>', html)


def test_a_cached_page_is_found_whatever_case_its_percent_escapes_are_in(client, column):
    theme, *_ = column
    upper = quote(f"/themes/{THEME}/")
    lower = re.sub(r"%[0-9A-F]{2}", lambda escape: escape.group().lower(), upper)
    assert upper != lower

    assert client.get(upper)["X-Page-Cache"] == "miss"
    assert client.get(lower)["X-Page-Cache"] == "hit"
    assert client.get(f"/themes/{THEME}/")["X-Page-Cache"] == "hit"


@pytest.mark.parametrize(
    "path",
    ["/letters/💔/", "/themes/a%2Fb/", "/articles/%ZZ/", "/themes/%D0/", "/letters/a%00b/"],
)
def test_an_address_that_is_no_slug_is_a_404(client, column, path):
    assert client.get(path).status_code == 404


# --- The admin ---------------------------------------------------------------------------


def test_the_admin_makes_a_theme_slug_from_a_hindi_name_and_accepts_one_typed(editor_client):
    add = reverse("admin:advice_theme_add")
    made = editor_client.post(add, {"name": "रिश्ते", "slug": "", "description": ""})
    typed = editor_client.post(add, {"name": "दोस्ती", "slug": "दोस्ती-और-दूरी", "description": ""})

    assert made.status_code == typed.status_code == 302
    assert set(Theme.objects.values_list("slug", flat=True)) == {"रिश्ते", "दोस्ती-और-दूरी"}


def test_the_admin_makes_a_series_slug_from_its_title(editor_client):
    response = editor_client.post(
        reverse("admin:articles_series_add"), {"title": SERIES, "slug": "", "description": ""}
    )
    assert response.status_code == 302
    assert Series.objects.get().slug == "νέα-αρχή"


# --- Through a real server ---------------------------------------------------------------

SEED = """
import django
django.setup()
from tests import factories
theme = factories.theme(name="Дружба", slug="")
letter = factories.letter(title="मेरी सहेली जवाब नहीं देती", themes=[theme])
print(letter.get_absolute_url())
print(theme.get_absolute_url())
"""


@pytest.fixture(scope="module")
def site(live_database, tmp_path_factory):
    """gunicorn (debug on, as `make run`) with a theme and a letter with Unicode slugs;
    yields (server, the letter's path, the theme's path), both as the site links them."""
    url, printed = seeded_database(live_database, tmp_path_factory.mktemp("unicode"), SEED)
    letter, theme = printed.split()
    with gunicorn(url) as server:
        yield server, letter, theme


def test_gunicorn_serves_percent_encoded_addresses_and_caches_them(site):
    server, letter, theme = site
    visitor = Visitor(server.url)
    assert unquote(letter) == f"/letters/{LETTER_SLUG}/"

    page = visitor.get(letter)
    assert page.status == 200 and LETTER in page.text
    assert head_links(page.text) == (server.url + letter,) * 2
    lower = re.sub(r"%[0-9A-F]{2}", lambda escape: escape.group().lower(), letter)
    assert visitor.get(lower).headers["X-Page-Cache"] == "hit"

    theme_page = visitor.get(theme)
    assert theme_page.status == 200 and server.url + letter not in theme_page.text
    assert f'href="{letter}"' in theme_page.text

    feed = ElementTree.fromstring(visitor.get(f"/feeds/themes/{quote(THEME)}/").text)
    links = [
        entry.find("atom:link", ATOM).get("href") for entry in feed.iterfind("atom:entry", ATOM)
    ]
    assert links == [server.url + letter]
    sitemap = ElementTree.fromstring(visitor.get("/sitemap-letters.xml").text)
    assert [loc.text for loc in sitemap.iterfind("sm:url/sm:loc", SITEMAP)] == [server.url + letter]

    assert visitor.get(f"/search/?q=friends&theme={quote(THEME)}").text.count(letter) >= 1
    assert visitor.get("/letters/%F0%9F%92%94/").status == 404
