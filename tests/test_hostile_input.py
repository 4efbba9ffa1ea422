"""Input no one meant to send: control characters in stored text, odd page numbers, a
letter without a page, images from other hosts. None of it is a 500 or a broken feed."""

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import Http404
from django.urls import reverse

from advice.models import Letter, Reply, Theme
from advice.services import submit_letter
from articles.models import Article, Series
from tests import factories
from tests.support import public_pages

pytestmark = pytest.mark.django_db

# --- Control characters -----------------------------------------------------------------

# What XML 1.0 can't hold, and what no one means to type. PostgreSQL itself refuses NUL in
# text, so only SQLite can hold one.
CONTROLS = ["\x01", "\x07", "\x0b", "\x0c", "\x1b", "\x1f", "\ufffe", "\uffff"]
if connection.vendor == "sqlite":
    CONTROLS.append("\x00")


def feed_urls(theme):
    return [reverse("feeds_latest"), reverse("feeds_theme", kwargs={"slug": theme.slug})]


@pytest.mark.parametrize("control", CONTROLS, ids=lambda control: f"U+{ord(control):04X}")
def test_a_control_character_in_any_string_a_feed_uses_leaves_every_feed_parsable(client, control):
    theme = factories.theme(slug="grief")
    letter = factories.letter(themes=[theme])
    article = factories.article(themes=[theme])
    # Rows from before validation (or written around it) are what the feeds must survive.
    Theme.objects.filter(pk=theme.pk).update(name=f"Grief{control}")
    Letter.objects.filter(pk=letter.pk).update(
        title=f"A title{control}", body=f"Dear Elizabeth, I{control} wrote.", sign_off=control
    )
    Reply.objects.filter(letter=letter).update(
        body=f"Be{control} kind.", columnist_name=f"Eliza{control}beth", sign_off=control
    )
    Article.objects.filter(pk=article.pk).update(
        title=f"An{control} article",
        byline=f"Sam{control}",
        standfirst=f"Why{control}.",
        body=f"Say{control} it.",
    )
    theme.refresh_from_db()
    for url in feed_urls(theme) * 2:  # the second time from the page cache
        response = client.get(url)
        assert response.status_code == 200, url
        feed = ET.fromstring(response.content)
        text = "".join(feed.itertext()) + " ".join(
            value for node in feed.iter() for value in node.attrib.values()
        )
        assert control not in text
        assert "Grief" in text and "Elizabeth" in text and "Sam" in text


ONE_LINE_FIELDS = [
    (Theme, "name"),
    (Letter, "title"),
    (Letter, "sign_off"),
    (Reply, "columnist_name"),
    (Reply, "sign_off"),
    (Article, "title"),
    (Article, "byline"),
    (Series, "title"),
]
MULTI_LINE_FIELDS = [
    (Theme, "description"),
    (Letter, "body"),
    (Reply, "body"),
    (Article, "standfirst"),
    (Article, "body"),
    (Series, "description"),
]


def field_errors(model, name, value):
    """The validation messages of one field holding `value` (empty when it is accepted)."""
    try:
        model._meta.get_field(name).run_validators(value)
    except ValidationError as error:
        return error.messages
    return []


@pytest.mark.parametrize("model, name", ONE_LINE_FIELDS + MULTI_LINE_FIELDS)
@pytest.mark.parametrize("control", ["\x00", "\x07", "\x1b", "\ufffe", "\uffff", "\ud800"])
def test_every_text_field_a_page_or_feed_shows_refuses_control_characters(model, name, control):
    (message,) = field_errors(model, name, f"Dear Eliza{control}beth")
    assert f"U+{ord(control):04X}" in message
    assert "“Dear Eliza”" in message  # where it is: the words just before it


@pytest.mark.parametrize("model, name", ONE_LINE_FIELDS)
def test_one_line_fields_refuse_tabs_and_line_breaks(model, name):
    for control in ("\t", "\n", "\r"):
        assert field_errors(model, name, f"Left{control}out"), repr(control)
    assert not field_errors(model, name, "Left out — “in Leeds” ❤️")


@pytest.mark.parametrize("model, name", MULTI_LINE_FIELDS)
def test_multi_line_fields_keep_tabs_and_line_breaks(model, name):
    assert not field_errors(model, name, "Dear Elizabeth,\r\n\n\tI am lost.\n")


def test_the_admin_form_names_the_character_and_keeps_what_the_editor_typed(editor_client):
    response = editor_client.post(
        reverse("admin:advice_theme_add"),
        {"name": "Grief\x07 and loss", "slug": "grief", "description": "About loss."},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "invisible control character (U+0007)" in html
    assert 'value="Grief\x07 and loss"' in html
    assert not Theme.objects.exists()


def test_a_readers_control_characters_stay_in_the_original_but_not_in_the_edited_copy():
    text = "Dear Elizabeth,\x0b my sister\x07 never\tcalls me back and I miss her terribly."
    letter = submit_letter(text=text, sign_off="Lonely\x1b in Leeds").letter
    letter.refresh_from_db()
    assert letter.original_text == text  # kept exactly as received
    assert letter.body == "Dear Elizabeth, my sister never\tcalls me back and I miss her terribly."
    assert letter.sign_off == "Lonely in Leeds"
    letter.full_clean()  # an editor can save it as it is


# --- ?page= -------------------------------------------------------------------------------

# Not page numbers: among them Unicode digits that str.isdigit() accepts and int() refuses.
NOT_PAGE_NUMBERS = [
    "²", "³", "⑴", "0", "-1", "1.5", "2.0", "1e3", "abc", "", "99999", "9" * 5000, "1\x00",
]  # fmt: skip
# Page numbers written in other digits (Arabic-Indic, NKo, full-width), which int() reads.
OTHER_NUMERALS = {"١": 1, "٢": 2, "߁": 1, "１": 1, "２": 2, " 2": 2, "+2": 2, "02": 2}


@pytest.fixture
def site(settings):
    settings.PAGE_SIZE = 2
    theme = factories.theme(slug="loss")
    letters = [factories.letter(themes=[theme], days_ago=n) for n in range(1, 4)]
    articles = [
        factories.article(themes=[theme], days_ago=n, series=factories.series(), series_part=1)
        for n in range(1, 4)
    ]
    return {"theme": theme, "letter": letters[0], "article": articles[0]}


# The public pages that are lists, each with its pages; the others ignore ?page=.
LISTS = {"letters", "articles", "theme", "search-results"}


def site_pages(site, *, machines=True):
    return public_pages(
        letter=site["letter"],
        article=site["article"],
        theme=site["theme"],
        query="letter",
        machines=machines,
    )


def paginated_urls(site):
    return [url for name, url in site_pages(site) if name in LISTS]


def other_urls(site, *, machines=True):
    return [url for name, url in site_pages(site, machines=machines) if name not in LISTS]


def with_page(url, value):
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}page={value}"


def canonical(response):
    match = re.search(r'<link rel="canonical" href="([^"]*)">', response.content.decode())
    return match.group(1)


@pytest.mark.parametrize("value", NOT_PAGE_NUMBERS, ids=ascii)
def test_what_is_not_a_page_number_is_a_404_on_lists_and_ignored_elsewhere(client, site, value):
    for url in paginated_urls(site):
        response = client.get(with_page(url, value))
        assert response.status_code == 404, url
        assert "We can’t find that page" in response.content.decode()
    for url in other_urls(site):
        assert client.get(with_page(url, value)).status_code == 200, url
    assert client.get(with_page("/no-such-page/", value)).status_code == 404


@pytest.mark.parametrize("value, number", OTHER_NUMERALS.items(), ids=ascii)
def test_a_page_number_in_other_digits_is_that_page_with_a_plain_canonical_link(
    client, site, value, number
):
    for url in paginated_urls(site):
        response = client.get(with_page(url, value))
        assert response.status_code == 200, url
        assert canonical(response).endswith(f"?page={number}" if number > 1 else "/"), url
    for url in other_urls(site):
        assert client.get(with_page(url, value)).status_code == 200, url


def test_page_numbers_page_and_only_lists_have_them_in_their_canonical_link(client, site):
    for url in paginated_urls(site):
        first, second = client.get(with_page(url, "1")), client.get(with_page(url, "2"))
        assert first.status_code == second.status_code == 200, url
        assert "page=" not in canonical(first)
        assert canonical(second).endswith("page=2")
    for url in paginated_urls(site)[:3]:
        assert client.get(with_page(url, "4")).status_code == 404, url
    for url in other_urls(site, machines=False):  # the HTML pages that are not lists
        assert "page=" not in canonical(client.get(with_page(url, "2"))), url


# --- A letter without a page ---------------------------------------------------------------


def view_on_site_link(editor_client, letter):
    html = editor_client.get(reverse("admin:advice_letter_change", args=[letter.pk])).content
    match = re.search(r'<a href="([^"]*)" class="viewsitelink"', html.decode())
    return match and match.group(1)


def test_a_letter_without_a_title_has_no_view_on_site_link(editor_client):
    letter = submit_letter(text="Dear Elizabeth, " + "nobody listens to me at work. " * 3).letter
    assert letter.slug is None
    assert view_on_site_link(editor_client, letter) is None
    with pytest.raises(Http404):
        letter.get_absolute_url()
    # Django's own "view on site" address for it says "not found", not /letters/None/.
    content_type = ContentType.objects.get_for_model(Letter)
    address = reverse(
        "admin:view_on_site", kwargs={"content_type_id": content_type.pk, "object_id": letter.pk}
    )
    response = editor_client.get(address)
    assert response.status_code == 404


def test_a_titled_letter_links_to_its_page_published_or_not(editor_client):
    letter = factories.letter(title="Nobody listens", status=Letter.Status.SHORTLISTED)
    link = view_on_site_link(editor_client, letter)
    assert link == letter.get_absolute_url() == "/letters/nobody-listens/"
    assert editor_client.get(link).status_code == 200  # the staff preview
    published = factories.letter(title="Everybody listens")
    assert view_on_site_link(editor_client, published) == "/letters/everybody-listens/"


# --- Images from other hosts -----------------------------------------------------------------


def image_sources(**env):
    """The img-src directive the settings make from `env` (or the error they stop with)."""
    environ = {k: v for k, v in os.environ.items() if k != "IMAGE_HOSTS"}
    environ.update(DJANGO_DEBUG="1", **env)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import config.settings as s; "
            "print(' '.join(s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']))",
        ],
        capture_output=True,
        text=True,
        env=environ,
        cwd=settings.BASE_DIR,
    )
    return result.stdout.strip() or result.stderr.strip().splitlines()[-1]


def test_pages_load_images_from_this_site_only_unless_a_host_is_allowed(client):
    policy = client.get(reverse("home"))["Content-Security-Policy"]
    assert re.search(r"(?:^|; )img-src ([^;]*)", policy).group(1) == "'self'"
    assert image_sources() == "'self'"
    assert (
        image_sources(IMAGE_HOSTS="images.example.org, *.cdn.example.net")
        == "'self' https://images.example.org https://*.cdn.example.net"
    )
    for mistake in ("https://images.example.org", "images.example.org/uploads", "*", "a b", "x"):
        error = image_sources(IMAGE_HOSTS=mistake)
        assert "IMAGE_HOSTS" in error and "images.example.org" in error, mistake


# Issue 19 (found by a tester): a bidi override in what a reader sends turned the words after
# it round on the published page. Emoji (ZWJ), Persian (ZWNJ) and isolates are real writing.
KEPT = "my son 👨\u200d👩\u200d👦 says می\u200cخواهم and \u2067עברית\u2069 fine."


@pytest.mark.parametrize("override", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e"])
def test_a_readers_bidi_overrides_never_reach_the_page_and_editors_are_told(override):
    from advice.takedown_requests import request_takedown
    from advice.updates import submit_update
    from postbag.validators import validate_multiline

    text = f"Dear Elizabeth, {override}my sister never calls back; {KEPT}"
    letter = submit_letter(text=text, sign_off=f"Lost{override} in Leeds").letter
    letter.refresh_from_db()
    assert letter.original_text == text  # kept exactly as received
    assert letter.body == f"Dear Elizabeth, my sister never calls back; {KEPT}"
    assert letter.sign_off == "Lost in Leeds"
    letter.status, letter.title = Letter.Status.PUBLISHED, "A sister who never calls"
    letter.save()
    update = submit_update(letter=letter, text=f"We {override}spoke at last. {KEPT}")
    assert update.body == f"We spoke at last. {KEPT}"
    request = request_takedown(letter=letter, reason=f"Too {override}close to home.")
    assert request.reason == "Too close to home."
    validate_multiline(KEPT)  # nothing to refuse
    with pytest.raises(ValidationError, match="turns the direction of writing"):
        validate_multiline(f"A reply {override}with a turn in it.")
