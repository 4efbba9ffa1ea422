"""Page metadata: canonical links, Open Graph and Twitter tags, and JSON-LD structured data."""

import json
import re
from html import unescape
from html.parser import HTMLParser

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from advice.models import Letter
from tests import factories
from tests.support import public_pages

pytestmark = pytest.mark.django_db

SITE_URL = "https://column.example.org"
HOSTILE = "</script><script>alert(1)</script>"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE_URL


class Head(HTMLParser):
    """The <meta>, <link> and <script> tags of a page, and the scripts' text."""

    def __init__(self, html):
        super().__init__()
        self.meta, self.links, self.scripts = {}, {}, []
        self._script = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            self.meta[attrs.get("property") or attrs.get("name")] = attrs.get("content")
        elif tag == "link":
            self.links.setdefault(attrs["rel"], attrs["href"])
        elif tag == "script":
            self._script = {
                "type": attrs.get("type"),
                "src": attrs.get("src") or "",
                "defer": "defer" in attrs,
                "text": "",
            }

    def handle_data(self, data):
        if self._script is not None:
            self._script["text"] += data

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append(self._script)
            self._script = None

    def json_ld(self, type_):
        blocks = [json.loads(s["text"]) for s in self.scripts if s["type"] == "application/ld+json"]
        return next(block for block in blocks if block["@type"] == type_)


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return Head(response.content.decode())


@pytest.fixture
def content(db):
    rejection, family = factories.theme(name="Rejection"), factories.theme(name="Family")
    letter = factories.letter(
        title="My sister forgot my birthday",
        body="Dear Elizabeth,\n\nMy sister forgot my birthday again. It hurt more than I said.",
        sign_off="Forgotten in Frome",
        reply="Dear Forgotten,\n\nTell her. **Plainly**, and once.",
        themes=[rejection, family],
    )
    article = factories.article(
        title="On being remembered",
        standfirst="Why small forgettings hurt so much.",
        themes=[rejection],
    )
    return {"letter": letter, "article": article, "theme": rejection}


def public_urls(content):
    return [url for _, url in public_pages(**content, query="birthday")]


def test_every_public_page_has_a_canonical_link_and_social_tags(client, content):
    for url in public_urls(content):
        page = head(client, url)
        path = url.split("?")[0]
        assert page.links["canonical"] == SITE_URL + path, url
        assert page.meta["og:url"] == SITE_URL + path, url
        assert page.meta["og:site_name"] == "Ask Elizabeth", url  # the column, not its publisher
        assert page.meta["og:type"] in {"website", "article"}, url
        assert page.meta["og:title"] and page.meta["og:description"], url
        assert page.meta["description"], url
        # A letter and an article have a card image of their own (tests/test_design.py).
        pieces = {content["letter"].get_absolute_url(), content["article"].get_absolute_url()}
        card = "summary_large_image" if url in pieces else "summary"
        assert page.meta["twitter:card"] == card, url


def title_of(html):
    return unescape(re.search(r"<title>(.*?)</title>", html, re.DOTALL)[1])


def test_every_page_title_ends_with_the_columns_name_once(client, content, settings):
    column = settings.COLUMN_NAME
    for url in public_urls(content):
        title = title_of(client.get(url).content.decode())
        assert title.count(column) == 1, (url, title)
        if url == reverse("home"):
            assert title == column
        else:
            own, _, suffix = title.rpartition(" · ")
            assert own.strip() and suffix == column, (url, title)
    ask = client.get(reverse("advice:ask")).content.decode()
    assert title_of(ask) == "Write to Elizabeth · Ask Elizabeth"  # not "Ask Elizabeth" twice


def test_error_pages_end_their_titles_with_the_columns_name_too(client, settings):
    settings.COLUMN_NAME = "Dear Robin"
    not_found = client.get("/no-such-page/")
    refused = Client(enforce_csrf_checks=True).post(reverse("home"), {"q": "x"})
    assert (not_found.status_code, refused.status_code) == (404, 403)
    assert title_of(not_found.content.decode()) == "Page not found · Dear Robin"
    assert title_of(refused.content.decode()).endswith(" · Dear Robin")
    # Rendered without a request context, as the error handlers render them.
    assert title_of(render_to_string("500.html")) == "Something went wrong · Dear Robin"
    assert title_of(render_to_string("503.html")) == "Back in a few minutes · Dear Robin"


def test_the_canonical_link_of_a_later_page_keeps_its_number(client):
    for _ in range(15):
        factories.letter()
    page = head(client, reverse("advice:letter_list") + "?page=2&utm_source=x")
    assert page.links["canonical"] == SITE_URL + reverse("advice:letter_list") + "?page=2"


def test_a_letter_is_described_by_its_first_sentence_and_an_article_by_its_standfirst(
    client, content
):
    letter = head(client, content["letter"].get_absolute_url())
    assert letter.meta["description"] == "My sister forgot my birthday again."
    assert letter.meta["og:description"] == "My sister forgot my birthday again."
    assert letter.meta["og:title"] == "My sister forgot my birthday"
    assert letter.meta["og:type"] == "article"
    article = head(client, content["article"].get_absolute_url())
    assert article.meta["description"] == "Why small forgettings hurt so much."
    assert article.meta["og:type"] == "article"


def test_a_letter_page_describes_itself_as_a_question_and_its_answer(client, content):
    letter = content["letter"]
    qa = head(client, letter.get_absolute_url()).json_ld("QAPage")
    question = qa["mainEntity"]
    assert qa["@context"] == "https://schema.org"
    assert question["@type"] == "Question"
    assert question["name"] == "My sister forgot my birthday"
    assert question["text"].startswith("Dear Elizabeth, My sister forgot my birthday again.")
    assert question["dateCreated"] == letter.published_at.isoformat()
    assert question["author"] == {"@type": "Person", "name": "Forgotten in Frome"}
    assert question["answerCount"] == 1
    answer = question["acceptedAnswer"]
    assert answer["@type"] == "Answer"
    assert answer["text"] == "Dear Forgotten, Tell her. Plainly, and once."
    assert answer["author"] == {"@type": "Person", "name": "Elizabeth"}
    assert answer["datePublished"] == letter.published_at.isoformat()
    assert answer["url"] == SITE_URL + letter.get_absolute_url() + "#reply-heading"


def test_an_article_page_describes_itself_as_an_article(client, content):
    article = content["article"]
    data = head(client, article.get_absolute_url()).json_ld("Article")
    assert data["headline"] == "On being remembered"
    assert data["description"] == "Why small forgettings hurt so much."
    assert data["author"] == {"@type": "Person", "name": "Elizabeth Hart"}
    assert data["datePublished"] == article.published_at.isoformat()
    assert data["dateModified"] == article.updated_at.isoformat()
    assert data["url"] == SITE_URL + article.get_absolute_url()


def trail(page):
    items = page.json_ld("BreadcrumbList")["itemListElement"]
    assert [item["position"] for item in items] == list(range(1, len(items) + 1))
    return [(item["name"], item["item"].removeprefix(SITE_URL)) for item in items]


def test_breadcrumbs_go_home_then_theme_then_item(client, content):
    letter, article, theme = content["letter"], content["article"], content["theme"]
    home = ("Home", reverse("home"))
    # The first theme in name order: Family before Rejection.
    family = ("Family", letter.themes.get(name="Family").get_absolute_url())
    assert trail(head(client, letter.get_absolute_url())) == [
        home,
        family,
        (letter.title, letter.get_absolute_url()),
    ]
    assert trail(head(client, article.get_absolute_url())) == [
        home,
        ("Rejection", theme.get_absolute_url()),
        (article.title, article.get_absolute_url()),
    ]
    assert trail(head(client, theme.get_absolute_url())) == [
        home,
        ("Rejection", theme.get_absolute_url()),
    ]
    loner = factories.letter(title="No theme at all")
    assert trail(head(client, loner.get_absolute_url())) == [
        home,
        ("Letters", reverse("advice:letter_list")),
        ("No theme at all", loner.get_absolute_url()),
    ]


def test_content_cannot_break_out_of_the_json_ld(client):
    letter = factories.letter(title=f"Help {HOSTILE} & more", reply=f"Be kind. {HOSTILE}")
    article = factories.article(title=f"On {HOSTILE}", standfirst=HOSTILE)
    for item, type_ in [(letter, "QAPage"), (article, "Article")]:
        html = client.get(item.get_absolute_url()).content.decode()
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
            assert "<" not in block and ">" not in block and "&" not in block
            json.loads(block)
        assert "<script>alert(1)" not in html
        data = Head(html).json_ld(type_)
        name = data["mainEntity"]["name"] if type_ == "QAPage" else data["headline"]
        assert HOSTILE in name


# Reading needs no script; the ask form adds its own (static/js/ask.js: the live word count
# and "letters like yours"), from the site's static files, deferred.
WRITING_PAGES = {"/ask/"}


def test_pages_run_no_javascript_but_their_json_ld(client, content):
    for url in public_urls(content):
        for script in head(client, url).scripts:
            if url in WRITING_PAGES and script["src"].startswith("/static/js/"):
                assert script["defer"] and not script["text"].strip(), url
                continue
            assert script["type"] == "application/ld+json", url


def test_a_staff_preview_of_an_unpublished_letter_has_data_without_dates(editor_client):
    letter = factories.letter(
        title="Not yet", status=Letter.Status.SHORTLISTED, reply=None, slug="not-yet"
    )
    page = head(editor_client, letter.get_absolute_url())
    question = page.json_ld("QAPage")["mainEntity"]
    assert question["answerCount"] == 0 and "dateCreated" not in question
    assert page.meta["robots"] == "noindex, nofollow"
