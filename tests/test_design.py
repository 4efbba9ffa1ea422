"""The reading design: one name for the site, the page budget, social cards, icons, pull
quotes, and the dark and print styles (the Chromium journeys are tests/browser/test_design.py)."""

import io
import re
import xml.etree.ElementTree as ET
from email.utils import parseaddr
from html import unescape

import pytest
from django.contrib.staticfiles import finders
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from PIL import Image

from advice.models import Letter
from advice.notifications import send_outcome_emails
from newsletter.mail import newsletter_message
from newsletter.services import subscribe
from postbag import cards
from postbag.markdown import render_markdown
from tests import factories

pytestmark = pytest.mark.django_db

BUDGET_BYTES = 30 * 1024
TITLES = {
    "cyrillic": "Мой бывший муж пишет мне каждую ночь: что делать?",
    "greek": "Γιατί η αδελφή μου δεν με παίρνει ποτέ τηλέφωνο;",
    "arabic": "زوجي لا يتحدث معي منذ أسابيع، ماذا أفعل؟",
    "devanagari": "मेरी बहन कभी फ़ोन नहीं करती",
}


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def meta(html, name):
    found = re.search(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)"', html)
    return unescape(found[1]) if found else None


# --- One name: the column is the site; the publisher is named in the footer only ----------


@pytest.fixture
def names(settings):
    settings.COLUMN_NAME = "Dear Robin"
    settings.SITE_NAME = "Northern Papers Ltd"
    return settings


def test_pages_name_the_column_and_the_publisher_only_in_the_footer(client, names):
    letter = factories.letter()
    for url in (reverse("home"), letter.get_absolute_url(), reverse("advice:ask")):
        html = html_of(client, url)
        head, body = html.split("</head>")
        header = body[: body.index("</header>")]
        footer = body[body.index("<footer") :]
        assert "Dear Robin" in re.search(r"<title>(.*?)</title>", head, re.S)[1], url
        assert meta(head, "og:site_name") == "Dear Robin", url
        assert ">Dear Robin</a>" in header, url
        assert "Northern Papers" not in header and "Northern Papers" not in head, url
        assert "Northern Papers Ltd publishes Dear Robin" in footer, url
    home = html_of(client, reverse("home"))
    assert meta(home, "og:title") == "Dear Robin"
    assert 'title="Dear Robin: the latest letters and articles"' in home


def test_feeds_are_titled_with_the_columns_name(client, names):
    theme = factories.theme(name="Friendship", slug="friendship")
    factories.letter(themes=[theme])
    latest = html_of(client, reverse("feeds_latest"))
    themed = html_of(client, reverse("feeds_theme", args=["friendship"]))
    assert "<title>Dear Robin</title>" in latest
    assert "<title>Dear Robin: Friendship</title>" in themed
    assert "Northern Papers" not in latest + themed


def test_e_mails_come_from_the_column_by_name(settings):
    assert parseaddr(settings.DEFAULT_FROM_EMAIL)[0] == settings.COLUMN_NAME == "Ask Elizabeth"
    letter = factories.letter(email="reader@example.org")
    subscriber = subscribe(email="subscriber@example.org").subscriber
    newsletter_message(subscriber, "confirm", {"confirm_url": "https://x.example/"}).send()
    send_outcome_emails(letter_ids=[letter.pk])
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert message.from_email == "Ask Elizabeth <letters@localhost>"
        assert message.subject.startswith("Ask Elizabeth: ")
        assert "Postbag" not in message.subject + message.body


def test_the_editors_admin_is_headed_with_the_columns_name(client):
    html = html_of(client, reverse("admin:login"))
    assert "Ask Elizabeth editors" in html and "Postbag editors" not in html


# --- The budget: a letter page is at most 30 KB of HTML and CSS, and needs no script ---------


def test_the_longest_demo_letter_page_is_within_the_budget_and_needs_no_script(client):
    call_command("seed_demo", verbosity=0)
    letters = Letter.objects.published().select_related("reply")
    longest = max(letters, key=lambda letter: len(letter.body) + len(letter.reply.body))
    html = client.get(longest.get_absolute_url()).content
    stylesheets = re.findall(rb'<link rel="stylesheet" href="/static/([^"]+)"', html)
    assert stylesheets
    css = sum(len(open(finders.find(name.decode()), "rb").read()) for name in stylesheets)
    total = len(html) + css
    assert total <= BUDGET_BYTES, f"{len(html)} B of HTML + {css} B of CSS = {total} B"
    # The only scripts are data (JSON-LD); nothing is loaded from another host.
    assert set(re.findall(rb"<script([^>]*)>", html)) == {b' type="application/ld+json"'}
    assert not re.search(rb'(?:src|href)="(?:https?:)?//(?!testserver)', html.split(b"<body")[1])


# --- Social cards ---------------------------------------------------------------------------


def card_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    return response, image


@pytest.mark.parametrize("script", TITLES)
def test_a_letter_in_any_script_has_a_1200_by_630_png_card(client, script):
    letter = factories.letter(title=TITLES[script], slug=f"letter-{script}")
    html = html_of(client, letter.get_absolute_url())
    url = meta(html, "og:image")
    assert url.startswith("http://testserver/letters/letter-") and "/card.png?v=" in url
    assert (meta(html, "og:image:width"), meta(html, "og:image:height")) == ("1200", "630")
    assert meta(html, "twitter:card") == "summary_large_image"
    assert TITLES[script] in meta(html, "og:image:alt")
    response, image = card_of(client, url.removeprefix("http://testserver"))
    assert (image.format, image.size) == ("PNG", (1200, 630))
    assert "public" in response["Cache-Control"] and response["ETag"]
    again = client.get(url.removeprefix("http://testserver"), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_a_title_is_drawn_where_the_font_has_it_and_never_as_empty_boxes():
    blank = cards.draw_card("", "A reader’s letter, answered", "Ask Elizabeth").tobytes()
    for script in ("cyrillic", "greek", "arabic"):
        drawn = cards.draw_card(TITLES[script], "A reader’s letter, answered", "Ask Elizabeth")
        assert drawn.tobytes() != blank, script
    # DejaVu has no Devanagari: the card falls back to the label, as for no title at all.
    devanagari = cards.draw_card(
        TITLES["devanagari"], "A reader’s letter, answered", "Ask Elizabeth"
    )
    assert devanagari.tobytes() == blank


def test_hostile_titles_still_make_a_card(client):
    # A bidi override, a bell, a word wider than the card, an emoji, an unassigned point.
    hostile = "\u202eevil \x07bell " + "long" * 40 + " 🙂 \U000e0fff"
    letter = factories.letter(title=hostile, slug="hostile")
    _, image = card_of(client, reverse("letter_card", args=[letter.slug]))
    assert image.size == (1200, 630)
    assert cards.clean_text(" a\u202e\tb\x00c ") == "a bc"
    nul = cards.draw_card("Still\x00 drawn", "A reader’s letter, answered", "Ask Elizabeth")
    assert nul.size == (1200, 630)


def test_an_articles_card_and_a_changed_title_is_a_new_address(client):
    article = factories.article(title="Saying no without a war", slug="saying-no")
    before = meta(html_of(client, article.get_absolute_url()), "og:image")
    _, image = card_of(client, before.removeprefix("http://testserver"))
    assert image.size == (1200, 630)
    article.title = "Saying no to family, kindly"
    article.save()
    after = meta(html_of(client, article.get_absolute_url()), "og:image")
    assert after != before and after.split("?")[0] == before.split("?")[0]


def test_unpublished_pieces_have_no_card(client, editor_client):
    draft = factories.letter(status=Letter.Status.DRAFTED, slug="draft")
    assert client.get(reverse("letter_card", args=["draft"])).status_code == 404
    assert client.get(reverse("article_card", args=["no-such-article"])).status_code == 404
    preview = editor_client.get(draft.get_absolute_url())
    if preview.status_code == 200:  # the editors' preview names no card that would be a 404
        assert meta(preview.content.decode(), "twitter:card") == "summary"


# --- Icons, pull quotes, dark and print styles ---------------------------------------------


def test_every_page_links_our_favicon_and_touch_icon(client):
    html = html_of(client, reverse("home"))
    links = dict(re.findall(r'<link rel="(icon|apple-touch-icon)" href="/static/([^"]+)"', html))
    assert set(links) == {"icon", "apple-touch-icon"}
    assert 'href="/static/icons/favicon.svg" type="image/svg+xml"' in html
    svg = ET.parse(finders.find("icons/favicon.svg")).getroot()
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    touch = Image.open(finders.find(links["apple-touch-icon"]))
    assert (touch.format, touch.size, touch.mode) == ("PNG", (180, 180), "RGB")  # no corners
    assert Image.open(finders.find("icons/favicon-32.png")).size == (32, 32)


def test_editors_can_set_a_pull_quote_and_it_stays_safe():
    html = render_markdown("Text.\n\n> **Pull quote:** The openness isn't the flaw.\n\n> A quote.")
    assert "<aside>\n<p>The openness isn’t the flaw.</p>\n</aside>" in html
    assert "<blockquote>\n<p>A quote.</p>" in html and "Pull quote" not in html
    raw = render_markdown('<aside class="x" onclick="steal()"><script>x()</script>Hi</aside>')
    assert raw == "<aside>Hi</aside>"


def test_the_stylesheet_has_dark_and_print_styles_and_downloads_no_font():
    css = open(finders.find("css/site.css")).read()
    assert "@media (prefers-color-scheme: dark)" in css and "color-scheme: light dark" in css
    print_block = r"@media print \{\n  ([^{]*)\{ display: none !important; \}(.*?)\n\}"
    paper = re.search(print_block, css, re.S)
    for hidden in (".site-header", ".site-footer", "form", "nav"):
        assert hidden in paper[1].split(", "), hidden
    assert '::after { content: " (" attr(href) ")"' in paper[2]
    assert "@font-face" not in css and "@import" not in css and "url(" not in css
