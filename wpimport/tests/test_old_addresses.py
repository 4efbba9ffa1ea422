"""A column that moves keeps its old addresses: each imported post's WordPress permalink
and its "/?p=ID" answer with a permanent redirect to the piece's page on Postbag."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from advice.models import Letter
from advice.services import withdraw_letter
from articles.models import Article
from tests.live import Visitor, gunicorn, nginx, nginx_available
from wpimport.models import OldAddress
from wpimport.tests.exports import post, write_export
from wpimport.tests.support import import_wordpress

SITE = "https://askelizabeth.example"
LETTER = (
    "<blockquote>Dear Elizabeth,\n\nHe left in May and I still set two cups out.\n\n"
    "Two Cups in Truro</blockquote>\n\nDear Two Cups,\n\nPut one away. Keep the other."
    "\n\nBig love, Elizabeth"
)
UNICODE_PATH = "/2019/05/%d0%ba%d0%be%d0%b3%d0%b4%d0%b0-%d0%be%d0%bd-%d1%83%d1%88%d1%91%d0%bb/"


def column_export(tmp_path, *, letter_link=f"{SITE}/2019/05/when-he-leaves/", name="a.xml"):
    """A published letter (123), a published article with a Cyrillic permalink (124), a
    draft (130) and a scheduled letter (131)."""
    return write_export(
        tmp_path,
        post(123, LETTER, title="When he leaves", slug="when-he-leaves", link=letter_link),
        post(
            124,
            "Grief keeps its own calendar.",
            title="Когда он ушёл",
            slug="kogda-on-ushel",
            link=SITE + UNICODE_PATH,
            letter=False,
        ),
        post(130, LETTER, title="Not yet", slug="not-yet", status="draft"),
        post(
            131,
            LETTER,
            title="Later",
            slug="later",
            status="future",
            date="2099-01-01 09:00:00",
            link=f"{SITE}/2099/01/later/",
        ),
        name=name,
    )


def redirect_of(client, address):
    response = client.get(address)
    assert response.status_code == 301, (address, response.status_code)
    return response["Location"]


@pytest.mark.django_db
def test_the_permalink_and_the_short_link_redirect_to_the_new_page(client, tmp_path):
    import_wordpress(column_export(tmp_path))
    letter = Letter.objects.get(wordpress_id=123)
    article = Article.objects.get(wordpress_id=124)

    for address in ["/2019/05/when-he-leaves/", "/2019/05/when-he-leaves", "/?p=123",
                    "/?p=123&preview=true", "/index.php?p=123", "/blog/?p=123"]:  # fmt: skip
        assert redirect_of(client, address) == letter.get_absolute_url(), address
    # The same Cyrillic address as a browser sends it (upper-case escapes) and as typed.
    cyrillic = "/2019/05/когда-он-ушёл/"
    for address in [UNICODE_PATH, UNICODE_PATH.upper(), cyrillic,
                    UNICODE_PATH.rstrip("/"), "/?p=124"]:  # fmt: skip
        assert redirect_of(client, address) == article.get_absolute_url(), address
    response = client.get("/2019/05/when-he-leaves/")
    assert "max-age=86400" in response["Cache-Control"]
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.django_db
def test_the_readers_own_query_parameters_go_along_wordpress_ones_do_not(
    client, tmp_path, settings
):
    settings.PAGE_CACHE_SECONDS = 600  # the page cache narrows the query of its own pages
    import_wordpress(column_export(tmp_path))
    page = Letter.objects.get(wordpress_id=123).get_absolute_url()
    for address in ["/2019/05/when-he-leaves/?utm_source=news", "/?p=123&utm_source=news",
                    "/index.php?utm_source=news&p=123&preview=true"]:  # fmt: skip
        assert redirect_of(client, address) == f"{page}?utm_source=news", address
    feed = reverse("feeds_latest")
    assert redirect_of(client, "/feed/?utm_source=news") == f"{feed}?utm_source=news"


@pytest.mark.django_db
def test_only_public_pieces_redirect(client, tmp_path):
    import_wordpress(column_export(tmp_path))

    # The draft and the scheduled letter: their addresses stay what they were.
    assert client.get("/2099/01/later/").status_code == 404
    assert client.get("/?p=131").status_code == 200  # the home page
    assert client.get("/?p=130").status_code == 200
    assert client.get("/?p=999").status_code == 200
    assert OldAddress.objects.filter(path__in=["/?p=130", "/?p=131"]).count() == 2
    # A letter withdrawn for real takes its addresses with it.
    withdraw_letter(letter=Letter.objects.get(wordpress_id=123))
    assert client.get("/2019/05/when-he-leaves/").status_code == 404
    assert not OldAddress.objects.filter(path="/2019/05/when-he-leaves/").exists()
    # Postbag's own pages keep their parameters: the sitemap's ?p= is its page number.
    assert client.get("/sitemap-articles.xml?p=124").status_code != 301


@pytest.mark.django_db
@override_settings(PAGE_CACHE_SECONDS=600)
def test_a_cached_home_page_is_never_the_answer_to_a_short_link(client, tmp_path):
    import_wordpress(column_export(tmp_path))
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"

    assert redirect_of(client, "/?p=123") == Letter.objects.get(wordpress_id=123).get_absolute_url()
    assert client.get("/?utm_source=x")["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_a_redirect_follows_the_piece_when_its_slug_changes(client, tmp_path):
    import_wordpress(column_export(tmp_path))
    letter = Letter.objects.get(wordpress_id=123)
    letter.slug = "when-he-left"
    letter.save()

    assert redirect_of(client, "/2019/05/when-he-leaves/") == "/letters/when-he-left/"


@pytest.mark.django_db
def test_importing_again_records_nothing_twice_and_keeps_a_changed_permalinks_old_one(
    client, tmp_path
):
    import_wordpress(column_export(tmp_path))
    import_wordpress(column_export(tmp_path))
    # A permalink and a ?p= for each of four posts; the draft's permalink is its ?p=.
    assert OldAddress.objects.count() == 7

    # WordPress's slug changed: both the old permalink and the new one lead to the letter.
    import_wordpress(column_export(tmp_path, letter_link=f"{SITE}/2019/05/after-he-left/"))
    url = Letter.objects.get(wordpress_id=123).get_absolute_url()
    assert redirect_of(client, "/2019/05/when-he-leaves/") == url
    assert redirect_of(client, "/2019/05/after-he-left/") == url
    assert OldAddress.objects.count() == 8


@pytest.mark.django_db
def test_a_post_that_becomes_an_article_takes_its_addresses_along(client, tmp_path):
    import_wordpress(column_export(tmp_path))
    # The same post, no longer in the column's category: an article now.
    moved = write_export(
        tmp_path,
        post(
            123,
            LETTER,
            title="When he leaves",
            slug="when-he-leaves",
            link=f"{SITE}/2019/05/when-he-leaves/",
            letter=False,
        ),  # fmt: skip
        name="b.xml",
    )
    import_wordpress(moved, "--allow-kind-changes")

    article = Article.objects.get(wordpress_id=123)
    assert not Letter.objects.filter(wordpress_id=123).exists()
    assert redirect_of(client, "/2019/05/when-he-leaves/") == article.get_absolute_url()
    assert redirect_of(client, "/?p=123") == article.get_absolute_url()


@pytest.mark.django_db
def test_a_dry_run_records_no_address(tmp_path):
    import_wordpress(column_export(tmp_path), "--dry-run")

    assert not OldAddress.objects.exists()


@pytest.mark.django_db
def test_editors_can_look_up_old_addresses_but_not_make_them(tmp_path, client):
    from tests import factories

    import_wordpress(column_export(tmp_path))
    client.force_login(factories.editor())

    listing = client.get(reverse("admin:wpimport_oldaddress_changelist"), {"q": "when-he"})
    assert listing.status_code == 200
    assert "/2019/05/when-he-leaves/" in listing.content.decode()
    assert client.get(reverse("admin:wpimport_oldaddress_add")).status_code == 403


# --- Through the repository's nginx config and gunicorn -------------------------------------


@pytest.fixture
def imported_site(tmp_path):
    """A SQLite database, migrated and imported into as a columnist would, with the
    commands: its DATABASE_URL."""
    url = f"sqlite:///{tmp_path / 'site.sqlite3'}"
    env = {**os.environ, "DJANGO_DEBUG": "1", "DATABASE_URL": url}
    for command in (["migrate", "--noinput"], ["import_wordpress", str(column_export(tmp_path))]):
        subprocess.run(
            [sys.executable, "manage.py", *command, "-v", "0"],
            cwd=settings.BASE_DIR,
            env=env,
            check=True,
            capture_output=True,
        )
    return url


def test_old_addresses_redirect_through_nginx_and_gunicorn(imported_site):
    if not nginx_available():
        if os.environ.get("REQUIRE_NGINX") == "1":
            pytest.fail("REQUIRE_NGINX=1 but nginx is not installed.", pytrace=False)
        pytest.skip("nginx is not installed (apt-get install nginx-light).")

    with gunicorn(imported_site) as app, nginx(app.port) as proxy:
        visitor = Visitor(proxy.url)
        assert visitor.get("/").status == 200  # the home page, now in nginx's micro-cache
        for address in ["/2019/05/when-he-leaves/", "/2019/05/when-he-leaves", "/?p=123"]:
            answer = visitor.get(address)
            assert answer.status == 301, address
            assert answer.headers["Location"] == "/letters/when-he-leaves/"
        answer = visitor.get(UNICODE_PATH.upper())
        assert (answer.status, answer.headers["Location"]) == (301, "/articles/kogda-on-ushel/")
        assert visitor.get("/letters/when-he-leaves/").status == 200
        assert visitor.get("/?p=130").status == 200  # a draft's: the home page
        assert visitor.get("/2099/01/later/").status == 404  # scheduled, not yet public


def test_the_site_redirects_without_the_importers_parsers_installed(imported_site):
    # A web server needn't install the `import` extra: the redirects must not need it.
    script = (
        "import sys\n"
        "for name in ('bs4', 'markdownify', 'defusedxml'):\n"
        "    sys.modules[name] = None  # as if not installed: importing it fails\n"
        "import django\n"
        "django.setup()\n"
        "from django.test import Client\n"
        "answer = Client(HTTP_HOST='localhost').get('/?p=123')\n"
        "print(answer.status_code, answer['Location'])\n"
    )
    env = {**os.environ, "DJANGO_DEBUG": "1", "DATABASE_URL": imported_site,
           "DJANGO_SETTINGS_MODULE": "config.settings"}  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=settings.BASE_DIR, env=env, capture_output=True
    )
    assert done.stdout.decode().split() == ["301", "/letters/when-he-leaves/"], done.stderr
