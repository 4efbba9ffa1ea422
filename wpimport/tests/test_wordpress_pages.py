"""WordPress's own addresses lead somewhere after the move: its feed, its category and tag
pages and their feeds, and an old permalink typed in another letter case (WordPress
answered it)."""

import os
import subprocess
import sys
from urllib.parse import quote

import pytest
from django.conf import settings

from articles.models import Article
from tests.live import Visitor, gunicorn
from wpimport.tests.exports import category, post, write_export
from wpimport.tests.support import import_wordpress

SITE = "https://askelizabeth.example"
FRIENDSHIP = category("friendship", "Friendship")
FAMILY = category(quote("семья").lower(), "Семья", taxonomy="post_tag")


def site_export(tmp_path):
    """Two published articles: one with a Latin permalink and two themes, one Cyrillic."""
    return write_export(
        tmp_path,
        post(12, "<p>Square ones, round ones.</p>", title="Brackets", slug="brackets",
             link=f"{SITE}/2019/05/brackets/", letter=False, extra=FRIENDSHIP + FAMILY),
        post(14, "<p>Вечером вместе.</p>", title="Ужин", slug="ужин",
             link=f"{SITE}/2019/05/{quote('ужин')}/", letter=False),
    )  # fmt: skip


def redirect_of(client, address):
    response = client.get(address)
    assert response.status_code == 301, (address, response.status_code)
    assert "max-age=86400" in response["Cache-Control"]
    return response["Location"]


@pytest.mark.django_db
def test_the_site_feed_in_any_of_its_forms_leads_to_the_latest_feed(client, tmp_path):
    import_wordpress(site_export(tmp_path))

    for address in ["/feed/", "/feed", "/feed/rss2/", "/feed/atom/", "/?feed=rss2",
                    "/?feed=atom"]:  # fmt: skip
        assert redirect_of(client, address) == "/feeds/latest/", address
    assert client.get("/?feed=comments-rss2").status_code == 200  # the home page
    assert client.get("/feeds/latest/").status_code == 200


@pytest.mark.django_db
def test_category_and_tag_pages_and_feeds_lead_to_their_themes(client, tmp_path):
    import_wordpress(site_export(tmp_path))
    family = quote("семья")

    assert redirect_of(client, "/category/friendship/") == "/themes/friendship/"
    assert redirect_of(client, "/category/relationships/friendship/") == "/themes/friendship/"
    assert redirect_of(client, "/category/friendship/feed/") == "/feeds/themes/friendship/"
    assert redirect_of(client, f"/tag/{family}/") == f"/themes/{family}/"
    assert redirect_of(client, f"/tag/{family.lower()}/feed/atom/") == f"/feeds/themes/{family}/"
    assert client.get("/category/no-such-theme/").status_code == 404
    assert client.get("/themes/friendship/").status_code == 200


@pytest.mark.django_db
def test_an_old_permalink_in_another_letter_case_redirects(client, tmp_path):
    import_wordpress(site_export(tmp_path))
    brackets = Article.objects.get(wordpress_id=12).get_absolute_url()
    supper = Article.objects.get(wordpress_id=14).get_absolute_url()

    assert redirect_of(client, "/2019/05/Brackets/") == brackets
    assert redirect_of(client, "/2019/05/BRACKETS") == brackets
    assert redirect_of(client, f"/2019/05/{quote('УЖИН')}/") == supper


def test_wordpress_addresses_redirect_through_gunicorn(tmp_path):
    url = f"sqlite:///{tmp_path / 'site.sqlite3'}"
    env = {**os.environ, "DJANGO_DEBUG": "1", "DATABASE_URL": url}
    for command in (["migrate", "--noinput"], ["import_wordpress", str(site_export(tmp_path))]):
        subprocess.run(
            [sys.executable, "manage.py", *command, "-v", "0"],
            cwd=settings.BASE_DIR, env=env, check=True, capture_output=True,
        )  # fmt: skip

    with gunicorn(url) as app:
        visitor = Visitor(app.url)
        for address, target in [
            ("/feed/", "/feeds/latest/"),
            ("/?feed=rss2", "/feeds/latest/"),
            ("/category/friendship/", "/themes/friendship/"),
            ("/2019/05/Brackets/", "/articles/brackets/"),
        ]:
            answer = visitor.get(address)
            assert (answer.status, answer.headers["Location"]) == (301, target), address
