"""Reading a WordPress export (WXR), streaming: its channel first, then its posts.

- `read_export` reads the whole file once before anything is written: it collects what the
  channel declares (authors, categories, tags), counts the items, notes what had to be
  repaired in the file and in which post, and where the file stops being readable, if it
  does (cut short, or not well-formed there). A file that can't be read as far as its first
  item is refused here, having changed nothing.
- `iter_posts` streams the items again, one `Post` at a time, dropping each element once
  read, so memory stays flat whatever the size of the export.

Both read through `damage.RepairingReader`, which decodes the file and removes what XML
forbids, saying where. The XML parser (defusedxml) refuses any DTD, so entity expansion
("billion laughs") and external entities can't happen: a WordPress export never has a DTD.
"""

import html
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, tzinfo
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote

from defusedxml import DefusedXmlException
from django.utils.text import capfirst

from postbag.slugs import cut, slugify
from postbag.validators import strip_control_characters
from wpimport import damage, parsing
from wpimport.names import shorten_at_word

SUPPORTED_VERSIONS = ("1.1", "1.2")
TERM_LENGTH = 80  # what a theme's name and slug can hold (advice.Theme)


class WXRError(Exception):
    """The file can't be imported at all: unreadable, not XML, not WXR, or unsafe."""


_PREFIXES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://wellformedweb.org/CommentAPI/": "wfw",
}
# The WXR namespaces carry the format's version: http://wordpress.org/export/1.2/
_WXR_NAMESPACE = re.compile(r"http://wordpress\.org/export/1\.\d+/(excerpt/)?")
_CHANNEL_PARTS = frozenset({"wp:wxr_version", "wp:author", "wp:category", "wp:tag", "item"})


@dataclass(frozen=True)
class Term:
    """A WordPress category or tag, as named in the export."""

    taxonomy: str  # "category" or "post_tag"
    slug: str
    name: str
    description: str = ""
    full_name: str = ""  # the whole name, when `name` had to be shortened to TERM_LENGTH


@dataclass(frozen=True)
class Export:
    """What the first pass learnt about an export: enough to import its posts."""

    path: Path
    version: str
    authors: Mapping[str, str]  # login → display name
    terms: Mapping[str, Term]  # slug → the first category or tag with that slug
    item_count: int  # the complete items, before `stop` if there is one
    repairs: tuple[str, ...] = ()  # what was repaired in the file, where, in which post
    stop: parsing.Stop | None = None  # where the file stopped being readable


@dataclass(frozen=True)
class Post:
    """One <item> of the export, as WordPress stored it: HTML, and dates as text."""

    wordpress_id: int | None
    guid: str
    post_type: str
    status: str
    password: str
    title: str
    slug: str
    content: str
    excerpt: str
    creator: str  # the author's login
    date: str  # local time of the WordPress site
    date_gmt: str
    terms: tuple[Term, ...]
    link: str = ""  # the post's address on the WordPress site (its permalink)
    broken_slug: str = ""  # wp:post_name as written, when its percent-encoding is broken
    comment_count: int = 0  # reader comments (wp:comment), not imported
    featured_image: bool = False  # a _thumbnail_id postmeta, not imported

    def __str__(self):
        return f"post {self.wordpress_id} “{self.title}”"


def read_export(path) -> Export:
    """Read the WordPress export at `path` once, streaming: its channel, its items counted,
    the repairs made to it, and where it stopped being readable (the items before can be
    imported).

    Raises WXRError with a message naming the file when it is unreadable, not WXR, declares
    a DTD, or can't be read as far as its first item (cut short or not well-formed).
    """
    path = Path(path)
    version = None
    authors, terms, items = {}, {}, 0
    reading = parsing.Reading(path, repairs=True)
    for name, element in _elements(reading, _CHANNEL_PARTS):
        if name == "item":
            items += 1
            reading.place_repairs(element, label=_label)
        elif name == "wp:wxr_version":
            version = (element.text or "").strip()
        elif name == "wp:author":
            fields = _fields(element)
            login = fields.get("wp:author_login", "").strip()
            if login:
                authors[login] = one_line(fields.get("wp:author_display_name", "")) or login
        else:
            term = _channel_term(name, _fields(element))
            if term is not None:
                terms.setdefault(term.slug, term)
    if reading.stop is not None and not items:
        raise WXRError(reading.stop.message)
    if version is None:
        raise WXRError(
            f"{path} is not a WordPress export (WXR): it has no wp:wxr_version. "
            "Export the site from WordPress with Tools → Export → All content."
        )
    if version not in SUPPORTED_VERSIONS:
        raise WXRError(
            f"{path} is a WordPress export of version {version}; versions "
            f"{' and '.join(SUPPORTED_VERSIONS)} can be imported."
        )
    return Export(
        path=path,
        version=version,
        authors=authors,
        terms=terms,
        item_count=items,
        repairs=tuple(reading.notes),
        stop=reading.stop,
    )


def iter_posts(path, *, until=None) -> Iterator[Post]:
    """Every item of the export in turn (pages, attachments and the like included).

    `until` is the `stop` of the file's Export: the stream ends there, quietly. Raises
    WXRError when the file can't be read (as it could when it was checked, if `until`).
    """
    reading = parsing.Reading(Path(path))
    for _, element in _elements(reading, frozenset({"item"})):
        yield _post(element)
    if reading.stop is not None and (until is None or reading.stop.at != until.at):
        raise WXRError(reading.stop.message)


def _elements(reading, names):
    """Yield (name, element) for each complete element named in `names`, then drop it; at a
    place the file can't be read past, end, with `reading.stop` saying where and why.

    Dropping each element from its parent once read is what keeps memory flat: otherwise
    the tree under <channel> grows with every item.
    """
    path, parents = reading.path, []
    try:
        for event, element in reading.events():
            if event == "start":
                if not parents and _name(element.tag) != "rss":
                    local_name = element.tag.rpartition("}")[2]
                    raise WXRError(
                        f"{path} is not a WordPress export (WXR): it is an XML document of "
                        f"type <{local_name}>, where an export starts with <rss>."
                    )
                parents.append(element)
                continue
            parents.pop()
            name = _name(element.tag)
            if name in names:
                yield name, element
                if parents:
                    parents[-1].remove(element)
    except OSError as error:
        raise WXRError(f"{path} can't be read: {error.strerror or error}.") from error
    except DefusedXmlException as error:
        raise WXRError(
            f"{path} declares a DTD or XML entities, which a WordPress export never does. "
            "It was refused: that is how entity-expansion and external-entity attacks work."
        ) from error
    except damage.NotAnExport as error:
        raise WXRError(f"{path} {error}") from error
    except damage.UnknownEncoding as error:
        raise WXRError(
            f"{path} is written in “{error}”, says its XML declaration: an encoding that "
            "can't be read here. Export it again from WordPress in UTF-8."
        ) from error
    if reading.stop is not None:
        reading.stop = replace(reading.stop, message=_stop_message(path, reading.stop, parents))


def _stop_message(path, stop, parents):
    """What to tell of `stop`, the elements still open there being `parents`."""
    where = f"line {stop.line}, column {stop.column}"
    if not stop.at_the_end:
        return f"{path} is not well-formed XML: at {where} the XML parser says “{stop.reason}”."
    if not parents and stop.reason == "no element found":
        return f"{path} is empty: it holds no XML element."
    items = [element for element in parents if _name(element.tag) == "item"]
    if items:
        inside = _label(items[-1])
    elif parents:
        inside = f"<{parents[-1].tag.rpartition('}')[2]}>"
    else:
        inside = "its first tag"
    return (
        f"{path} ends in the middle of {inside}, at {where}: the file was cut short "
        "(by an interrupted download or a full disk, say)."
    )


def _label(item):
    """An <item> named as the report names posts: 'post 7 “A letter”'."""
    post = _post(item)
    if post.wordpress_id is not None:
        return str(post)
    return f"the post “{post.title}”" if post.title else "an <item>"


@lru_cache(maxsize=256)
def _name(tag):
    """An element's name with WXR's usual prefix: '{…/export/1.2/}post_id' is 'wp:post_id'."""
    if not tag.startswith("{"):
        return tag
    uri, _, local = tag[1:].partition("}")
    wxr = _WXR_NAMESPACE.fullmatch(uri)
    if wxr:
        prefix = "excerpt" if wxr.group(1) else "wp"
    else:
        prefix = _PREFIXES.get(uri, uri)
    return f"{prefix}:{local}"


def _fields(element):
    """The text of each child element by name; the first wins where a name repeats."""
    fields = {}
    for child in element:
        fields.setdefault(_name(child.tag), child.text or "")
    return fields


def _channel_term(name, fields):
    if name == "wp:category":
        return _term(
            "category",
            nicename=fields.get("wp:category_nicename", ""),
            name=fields.get("wp:cat_name", ""),
            description=fields.get("wp:category_description", ""),
        )
    return _term(
        "post_tag",
        nicename=fields.get("wp:tag_slug", ""),
        name=fields.get("wp:tag_name", ""),
        description=fields.get("wp:tag_description", ""),
    )


def one_line(text):
    """`text` as one line: tabs, line breaks and runs of spaces become one space.

    WordPress keeps whatever was pasted into a title or a name; Postbag's one-line fields
    refuse line breaks and control characters (postbag.validators), so they are tidied here.
    """
    return " ".join(strip_control_characters(text, single_line=True).split())


def _term(taxonomy, *, nicename, name, description=""):
    """A Term, or None when it has neither a slug nor a name. A term whose nicename and name
    have no letter or digit ("💔") has the slug "": the importer names it as dropped."""
    # WordPress stores names HTML-escaped ("Love &amp; loss") and slugs percent-encoded.
    name = one_line(html.unescape(name))
    slug = term_slug(nicename) or term_slug(name)
    if not slug and not name:
        return None
    short = shorten_at_word(name, TERM_LENGTH)
    return Term(
        taxonomy=taxonomy,
        slug=slug,
        name=short or capfirst(slug.replace("-", " ")),
        description=html.unescape(description).strip(),
        full_name=name if short != name else "",
    )


def term_slug(text):
    """The slug a category or tag's nicename or name stands for, in any script: the
    nicename percent-encoded as WordPress writes it ("%d0%b4%d1%80…") or not ("дружба"), the
    name as it reads ("Дружба"). At most TERM_LENGTH characters, "" when no letter or digit
    is left (postbag.slugs)."""
    return cut(slugify(unquote(text or "")), TERM_LENGTH)


# Reader comments, as WordPress types them (before 5.5 it left the type empty); pingbacks,
# trackbacks and spam are not readers' words.
_READER_COMMENT_TYPES = ("", "comment")
_HIDDEN_COMMENTS = ("spam", "trash")


def _post(element):
    fields, terms = {}, []
    comments, featured_image = 0, False
    for child in element:
        name = _name(child.tag)
        if name == "wp:comment":
            comment = _fields(child)
            comments += (
                comment.get("wp:comment_type", "").strip() in _READER_COMMENT_TYPES
                and comment.get("wp:comment_approved", "").strip() not in _HIDDEN_COMMENTS
            )
        elif name == "wp:postmeta":
            meta = _fields(child)
            featured_image |= meta.get("wp:meta_key", "").strip() == "_thumbnail_id" and bool(
                meta.get("wp:meta_value", "").strip().strip("0")
            )
        elif name == "category":
            term = _term(
                child.get("domain", ""), nicename=child.get("nicename", ""), name=child.text or ""
            )
            if term is not None:
                terms.append(term)
        else:
            fields.setdefault(name, child.text or "")
    post_id = fields.get("wp:post_id", "").strip()
    slug, broken_slug = post_slug(fields.get("wp:post_name", ""))
    return Post(
        wordpress_id=int(post_id) if post_id.isdigit() and int(post_id) > 0 else None,
        guid=fields.get("guid", "").strip(),
        post_type=fields.get("wp:post_type", "").strip(),
        status=fields.get("wp:status", "").strip(),
        password=fields.get("wp:post_password", ""),
        # Titles are plain text, but WordPress may keep entities or a stray tag in them.
        title=one_line(html.unescape(re.sub(r"<[^>]*>", "", fields.get("title", "")))),
        slug=slug,
        content=fields.get("content:encoded", ""),
        excerpt=fields.get("excerpt:encoded", ""),
        creator=fields.get("dc:creator", "").strip(),
        date=fields.get("wp:post_date", ""),
        date_gmt=fields.get("wp:post_date_gmt", ""),
        terms=tuple(terms),
        link=fields.get("link", "").strip(),
        broken_slug=broken_slug,
        comment_count=comments,
        featured_image=featured_image,
    )


_BROKEN_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")


def post_slug(post_name) -> tuple[str, str]:
    """(the slug, "") for a wp:post_name, percent-decoded; ("", post_name) when its
    percent-encoding is broken (a "%" without two hex digits, bytes that aren't UTF-8),
    which WordPress never writes whole: decoded, it would lose letters silently."""
    post_name = post_name.strip()
    try:
        if _BROKEN_ESCAPE.search(post_name):
            raise ValueError(post_name)
        return unquote(post_name, errors="strict"), ""
    except (ValueError, UnicodeDecodeError):
        return "", post_name


def publication_time(post, *, local_timezone: tzinfo) -> datetime | None:
    """When the post was (or, when scheduled, will be) published.

    The GMT date where there is one; WordPress writes 0000-00-00 00:00:00 there for drafts,
    so otherwise the site's local date, read in `local_timezone`.
    """
    gmt = _wordpress_date(post.date_gmt)
    if gmt is not None:
        return gmt.replace(tzinfo=UTC)
    local = _wordpress_date(post.date)
    if local is not None:
        return local.replace(tzinfo=local_timezone)
    return None


def _wordpress_date(text):
    try:
        return datetime.strptime(text.strip(), "%Y-%m-%d %H:%M:%S")
    except ValueError:  # empty, or the year 0 of an unset date
        return None
