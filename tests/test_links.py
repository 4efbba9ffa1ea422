"""Absolute links name the address the site is served on, in development; in production,
SITE_URL, which start-up requires.

`PORT=8777 make run` serves with debug on and no SITE_URL: a real server on a free port
stands in for it here, and every absolute link a reader or a program meets (canonical and
Open Graph links, feeds, sitemaps, robots.txt) must name that port.
"""

import os
import re
import subprocess
import sys
from xml.etree import ElementTree

import pytest
from django.conf import settings

from tests.live import Visitor, gunicorn, seeded_database

SEED = """
import django
django.setup()
from tests import factories
theme = factories.theme(name="Friendship", slug="friendship")
print(factories.letter(themes=[theme], title="She stopped calling").get_absolute_url())
"""
SITEMAP = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture(scope="module")
def site(live_database, tmp_path_factory):
    """gunicorn as `make run` configures the site (debug on, no SITE_URL), on a free port,
    with one published letter; yields (server, the letter's path)."""
    url, letter_path = seeded_database(live_database, tmp_path_factory.mktemp("links"), SEED)
    with gunicorn(url) as server:
        assert server.port != 8000
        yield server, letter_path


def head_links(html):
    """The canonical link and og:url of a page."""
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1)
    og_url = re.search(r'<meta property="og:url" content="([^"]+)"', html).group(1)
    return canonical, og_url


def test_pages_name_the_address_they_were_served_on(site):
    server, letter = site
    visitor = Visitor(server.url)
    for path in ["/", letter, "/letters/", "/themes/friendship/"]:
        page = visitor.get(path)
        assert page.status == 200, path
        assert head_links(page.text) == (server.url + path,) * 2
        assert ":8000" not in page.text, path


def test_feeds_sitemaps_and_robots_name_the_address_they_were_served_on(site):
    server, letter = site
    visitor = Visitor(server.url)

    feed = visitor.get("/feeds/latest/").text
    assert server.url + letter in feed and f'href="{server.url}/feeds/latest/"' in feed
    theme_feed = visitor.get("/feeds/themes/friendship/").text
    assert server.url + letter in theme_feed

    index = ElementTree.fromstring(visitor.get("/sitemap.xml").text)
    sections = [loc.text for loc in index.iterfind("sm:sitemap/sm:loc", SITEMAP)]
    assert server.url + "/sitemap-letters.xml" in sections
    letters = ElementTree.fromstring(visitor.get("/sitemap-letters.xml").text)
    assert [loc.text for loc in letters.iterfind("sm:url/sm:loc", SITEMAP)] == [server.url + letter]

    robots = visitor.get("/robots.txt").text
    assert f"Sitemap: {server.url}/sitemap.xml" in robots.splitlines()
    for text in (feed, theme_feed, robots):
        assert ":8000" not in text


def test_each_address_of_the_server_gets_links_of_its_own(site):
    """The same server reached as localhost: its pages, cached ones too, name localhost."""
    server, _ = site
    visitor = Visitor(server.url)
    assert visitor.get("/robots.txt").headers.get("X-Page-Cache") in {"hit", "miss"}
    assert visitor.get("/robots.txt").headers["X-Page-Cache"] == "hit"

    other = f"localhost:{server.port}"
    robots = visitor.get("/robots.txt", headers={"Host": other}).text
    assert f"Sitemap: http://{other}/sitemap.xml" in robots.splitlines()
    home = visitor.get("/", headers={"Host": other}).text
    assert head_links(home) == (f"http://{other}/",) * 2

    refused = visitor.get("/robots.txt", headers={"Host": "column.example.org"})
    assert refused.status == 400


# --- Settings ----------------------------------------------------------------------------------


def settings_run(code, **env):
    """Run `code` after django.setup() in a subprocess configured by `env` only (no DJANGO_*,
    SITE_URL or PORT from this run); the CompletedProcess."""
    hidden = ("DJANGO_", "SITE_", "PORT")
    environ = {k: v for k, v in os.environ.items() if not k.startswith(hidden)}
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        env={**environ, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
    )


PRINT_LINK = "from postbag.links import absolute_url; print(absolute_url('/letters/'))"


def test_production_without_site_url_stops_with_a_clear_message():
    result = settings_run(PRINT_LINK, DJANGO_SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "SITE_URL is not set" in result.stderr and "https://column.example.org" in result.stderr

    explicit = settings_run(
        PRINT_LINK, DJANGO_SECRET_KEY="x" * 50, SITE_URL="https://column.example.org/"
    )
    assert explicit.stdout == "https://column.example.org/letters/\n"


@pytest.mark.parametrize("value", ["column.example.org", "ftp://column.example.org", "https://"])
def test_a_site_url_that_is_no_address_stops_start_up(value):
    result = settings_run(PRINT_LINK, DJANGO_DEBUG="1", SITE_URL=value)
    assert result.returncode != 0
    assert "SITE_URL must be the site's public address" in result.stderr
    assert repr(value) in result.stderr


def test_outside_a_request_development_links_name_the_development_server():
    assert settings_run(PRINT_LINK, DJANGO_DEBUG="1").stdout == "http://127.0.0.1:8000/letters/\n"
    on_port = settings_run(PRINT_LINK, DJANGO_DEBUG="1", PORT="8777")
    assert on_port.stdout == "http://127.0.0.1:8777/letters/\n"
