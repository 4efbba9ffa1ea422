"""Every feed is an Atom document (RFC 4287) that a strict XML parser reads, with the
elements Atom requires, even when stored text holds characters XML 1.0 can't.

Feed readers are as strict as the standard: one that meets a character XML forbids, or an
entry with no author or an empty name, may drop the entry or the whole feed. The rows here
are written past the validators (queryset.update), as a row from before them, or an import,
could be.
"""

import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from advice.models import Letter, Reply, Theme
from articles.models import Article
from tests import factories

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
# The hardening issue's characters, which XML 1.0 can't hold; PostgreSQL refuses NUL itself.
DAMAGE = "\x01\x0b\x1f\ufffe\uffff" + ("\x00" if connection.vendor == "sqlite" else "")
# RFC 3339 as RFC 4287 §3.3 narrows it: an upper-case "T" and "Z", seconds always given.
DATE_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")
TEXT_TYPES = {"text", "html", "xhtml"}


def text_of(element):
    return " ".join("".join(element.itertext()).split())


def one(parent, name, where, problems, *, required=True):
    """The single `name` child of `parent`; a problem is noted when there are several, or
    none and one is `required`."""
    found = parent.findall(ATOM + name)
    if len(found) > 1:
        problems.append(f"{where}: {len(found)} <{name}> elements, where Atom allows one")
    if not found:
        if required:
            problems.append(f"{where}: no <{name}>")
        return None
    return found[0]


def check_person(person, where, problems):
    name = one(person, "name", where, problems)
    if name is not None and not text_of(name):
        problems.append(f"{where}: an <author> whose <name> is empty")


def check_common(element, where, problems):
    """The id, title and updated that a feed and each entry must have (RFC 4287 §4.1.1-2)."""
    identifier = one(element, "id", where, problems)
    if identifier is not None:
        parts = urlsplit(text_of(identifier))
        if not (parts.scheme and (parts.netloc or parts.path)):
            problems.append(f"{where}: <id> {text_of(identifier)!r} is not an absolute IRI")
    title = one(element, "title", where, problems)
    if title is not None and not text_of(title):
        problems.append(f"{where}: an empty <title>")
    updated = one(element, "updated", where, problems)
    if updated is not None and not DATE_TIME.fullmatch(text_of(updated)):
        problems.append(f"{where}: <updated> {text_of(updated)!r} is not an RFC 3339 date-time")
    for name in ("title", "subtitle", "summary", "content", "rights"):
        for node in element.findall(ATOM + name):
            if node.get("type", "text") not in TEXT_TYPES:
                problems.append(f"{where}: <{name}> of type {node.get('type')!r}")
    for author in element.findall(ATOM + "author"):
        check_person(author, where, problems)
    for category in element.findall(ATOM + "category"):
        if not category.get("term", "").strip():
            problems.append(f"{where}: a <category> with no term")


def atom_problems(document):
    """What keeps `document` (bytes) from being the Atom feed RFC 4287 describes: each
    problem as a sentence, none when it is one. Not well-formed XML raises ParseError."""
    feed = ET.fromstring(document)  # expat: refuses any character XML 1.0 forbids
    if feed.tag != ATOM + "feed":
        return [f"the root element is {feed.tag}, not an Atom <feed>"]
    problems = []
    check_common(feed, "feed", problems)
    feed_has_author = bool(feed.findall(ATOM + "author"))
    identifiers = []
    for number, entry in enumerate(feed.findall(ATOM + "entry"), start=1):
        title = entry.find(ATOM + "title")
        where = f"entry {number} ({text_of(title) if title is not None else 'no title'})"
        check_common(entry, where, problems)
        if not entry.findall(ATOM + "author") and not feed_has_author:
            problems.append(f"{where}: no <author>, and the feed has none")
        links = [link.get("rel", "alternate") for link in entry.findall(ATOM + "link")]
        if entry.find(ATOM + "content") is None and "alternate" not in links:
            problems.append(f"{where}: neither <content> nor an alternate <link>")
        one(entry, "summary", where, problems, required=False)
        one(entry, "published", where, problems, required=False)
        identifiers.append(text_of(entry.find(ATOM + "id")))
    if len(set(identifiers)) != len(identifiers):
        problems.append("two entries share an <id>")
    return problems


@pytest.fixture(autouse=True)
def fresh_cache():
    """Feeds are cached responses: each test starts without them."""
    cache.clear()
    yield
    cache.clear()


def feed_urls():
    """The latest feed and every theme's (the demo's too)."""
    themes = [reverse("feeds_theme", kwargs={"slug": slug}) for slug in
              Theme.objects.values_list("slug", flat=True)]  # fmt: skip
    return [reverse("feeds_latest"), *themes]


def damage(letter, article, theme):
    """Write `DAMAGE` into every string a feed shows, past the validators; some strings
    hold nothing else, as a name pasted from a spreadsheet's empty cell could."""
    Theme.objects.filter(pk=theme.pk).update(name=f"Grief{DAMAGE}")
    Letter.objects.filter(pk=letter.pk).update(
        title=DAMAGE, body=f"Dear Elizabeth,{DAMAGE} I wrote.", sign_off=DAMAGE
    )
    Reply.objects.filter(letter=letter).update(
        body=f"Be{DAMAGE} kind.", columnist_name=DAMAGE, sign_off=f"Love,{DAMAGE} E"
    )
    Article.objects.filter(pk=article.pk).update(
        title=f"An{DAMAGE} article", byline=DAMAGE, standfirst=DAMAGE, body=f"Say{DAMAGE} it."
    )


def entries_by_link(document):
    feed = ET.fromstring(document)
    return {entry.find(ATOM + "link").get("href"): entry for entry in feed.findall(ATOM + "entry")}


def test_every_feed_is_atom_with_forbidden_characters_in_every_string(client):
    call_command("seed_demo", verbosity=0)
    theme = factories.theme(slug="grief")
    letter = factories.letter(themes=[theme])
    article = factories.article(themes=[theme])
    factories.letter(themes=[theme], title="An undamaged letter")
    damage(letter, article, theme)

    for url in feed_urls() * 2:  # the second time from the page cache
        response = client.get(url)
        assert response.status_code == 200, url
        assert atom_problems(response.content) == [], url

    entries = entries_by_link(client.get(reverse("feeds_latest")).content)
    damaged_letter = next(e for link, e in entries.items() if link.endswith(letter.slug + "/"))
    # The columnist answers letters: an author made only of damage falls back to her.
    assert text_of(damaged_letter.find(f"{ATOM}author/{ATOM}name")) == "Elizabeth"
    assert "Elizabeth replies" in damaged_letter.find(ATOM + "content").text
    damaged_article = next(e for link, e in entries.items() if link.endswith(article.slug + "/"))
    # A NUL (SQLite only) comes out of the typography as U+FFFD, as CommonMark (§2.3) says.
    title = text_of(damaged_article.find(ATOM + "title")).replace("\ufffd", "")
    assert title == "An article"
    assert [c.get("term") for c in damaged_article.findall(ATOM + "category")] == ["Grief"]
