"""Reading a WordPress export (WXR) and turning its posts into letters and articles.

Pure functions and small dataclasses, no database: the `import_wordpress` command writes.
In the order the command uses them:

- `read_export` reads the whole file once, streaming, to make sure it is a complete,
  well-formed WordPress export before anything is written, and collects what the channel
  declares (authors, categories, tags). A truncated file is refused here, having changed
  nothing.
- `iter_posts` streams the items again, one `Post` at a time, dropping each element once
  read, so memory stays flat whatever the size of the export.
- `clean_content`, `html_to_markdown` and `split_letter` turn WordPress HTML (classic or
  block editor, with shortcodes) into Markdown, and a column post into the reader's
  letter and the columnist's reply.
- `Vocabulary` decides which categories and tags become which themes.

The XML parser (defusedxml) refuses any DTD, so entity expansion ("billion laughs") and
external entities can't happen: a WordPress export never has a DTD. HTML only ever
becomes Markdown here; Postbag's one renderer (postbag.markdown) sanitises it when shown.
"""

import html
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import ParseError

import markdown
from bs4 import BeautifulSoup, ParserRejectedMarkup
from bs4.element import PreformattedString, Tag
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from django.utils.text import capfirst, slugify
from markdownify import MarkdownConverter

from postbag.markdown import ALLOWED_URL_SCHEMES
from postbag.validators import strip_control_characters

SUPPORTED_VERSIONS = ("1.1", "1.2")
# Only posts are imported, and only in these states; every other item is skipped and counted.
IMPORTED_TYPE = "post"
IMPORTED_STATUSES = ("publish", "future", "draft")
# WordPress files every post without a category here; it says nothing about the post.
DEFAULT_CATEGORY = "uncategorized"
THEME_FIELD_LENGTH = 80  # Theme.name and Theme.slug


class WXRError(Exception):
    """The file can't be imported at all: unreadable, not XML, not WXR, or unsafe."""


class ContentError(ValueError):
    """One post's HTML can't be converted."""


# --- Reading the XML ------------------------------------------------------------------

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


@dataclass(frozen=True)
class Export:
    """What the first pass learnt about an export: enough to import its posts."""

    path: Path
    version: str
    authors: Mapping[str, str]  # login → display name
    terms: Mapping[str, Term]  # slug → the first category or tag with that slug
    item_count: int


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

    def __str__(self):
        return f"post {self.wordpress_id} “{self.title}”"


def read_export(path) -> Export:
    """Check that `path` is a complete WordPress export and read its channel, streaming.

    Raises WXRError with a message naming the file when it is unreadable, not well-formed
    (a truncated download, say), not WXR, or declares a DTD.
    """
    path = Path(path)
    version = None
    authors, terms, items = {}, {}, 0
    for name, element in _elements(path, _CHANNEL_PARTS):
        if name == "item":
            items += 1
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
    return Export(path=path, version=version, authors=authors, terms=terms, item_count=items)


def iter_posts(path) -> Iterator[Post]:
    """Every item of the export in turn (pages, attachments and the like included)."""
    for _, element in _elements(Path(path), frozenset({"item"})):
        yield _post(element)


def _elements(path, names):
    """Yield (name, element) for each complete element named in `names`, then drop it.

    Dropping each element from its parent once read is what keeps memory flat: otherwise
    the tree under <channel> grows with every item.
    """
    parents = []
    for event, element in _events(path):
        if event == "start":
            if not parents and _name(element.tag) != "rss":
                local_name = element.tag.rpartition("}")[2]
                raise WXRError(
                    f"{path} is not a WordPress export (WXR): it is an XML document of type "
                    f"<{local_name}>, where an export starts with <rss>."
                )
            parents.append(element)
            continue
        parents.pop()
        name = _name(element.tag)
        if name in names:
            yield name, element
            if parents:
                parents[-1].remove(element)


def _events(path):
    try:
        with open(path, "rb") as source:
            yield from iterparse(source, events=("start", "end"), forbid_dtd=True)
    except OSError as error:
        raise WXRError(f"{path} can't be read: {error.strerror or error}.") from error
    except DefusedXmlException as error:
        raise WXRError(
            f"{path} declares a DTD or XML entities, which a WordPress export never does. "
            "It was refused: that is how entity-expansion and external-entity attacks work."
        ) from error
    except ParseError as error:
        raise WXRError(f"{path} is not well-formed XML ({error}). Is the file complete?") from error


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
    """A Term, or None when it has neither a usable slug nor a name to make one from."""
    # WordPress stores names HTML-escaped ("Love &amp; loss") and slugs percent-encoded.
    name = one_line(html.unescape(name))
    slug = _slug(nicename) or _slug(name)
    if not slug:
        return None
    return Term(
        taxonomy=taxonomy,
        slug=slug,
        name=name[:THEME_FIELD_LENGTH] or capfirst(slug.replace("-", " ")),
        description=html.unescape(description).strip(),
    )


def _slug(text):
    return slugify(unquote(text or ""))[:THEME_FIELD_LENGTH].strip("-")


def _post(element):
    fields, terms = {}, []
    for child in element:
        name = _name(child.tag)
        if name == "category":
            term = _term(
                child.get("domain", ""), nicename=child.get("nicename", ""), name=child.text or ""
            )
            if term is not None:
                terms.append(term)
        else:
            fields.setdefault(name, child.text or "")
    post_id = fields.get("wp:post_id", "").strip()
    return Post(
        wordpress_id=int(post_id) if post_id.isdigit() and int(post_id) > 0 else None,
        guid=fields.get("guid", "").strip(),
        post_type=fields.get("wp:post_type", "").strip(),
        status=fields.get("wp:status", "").strip(),
        password=fields.get("wp:post_password", ""),
        # Titles are plain text, but WordPress may keep entities or a stray tag in them.
        title=one_line(html.unescape(re.sub(r"<[^>]*>", "", fields.get("title", "")))),
        slug=unquote(fields.get("wp:post_name", "").strip()),
        content=fields.get("content:encoded", ""),
        excerpt=fields.get("excerpt:encoded", ""),
        creator=fields.get("dc:creator", "").strip(),
        date=fields.get("wp:post_date", ""),
        date_gmt=fields.get("wp:post_date_gmt", ""),
        terms=tuple(terms),
    )


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


# --- Themes ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ThemeChoice:
    """A theme an imported post belongs to, by slug; name and description if it is new."""

    slug: str
    name: str
    description: str = ""


@dataclass(frozen=True)
class Vocabulary:
    """Which categories and tags become which themes, and which category marks a letter.

    `letters_categories` are names or slugs; `theme_map` renames or merges by slug (old →
    new); `only_themes`, when given, keeps just those slugs (after renaming). The letters
    categories and WordPress's "Uncategorized" never become themes.
    """

    terms: Mapping[str, Term]
    letters_categories: tuple[str, ...]
    theme_map: Mapping[str, str] = field(default_factory=dict)
    only_themes: frozenset[str] | None = None

    def is_letter(self, post):
        """Whether the post is filed in one of the column's letters categories."""
        return any(self._is_letters_category(term) for term in post.terms)

    def themes_for(self, post) -> list[ThemeChoice]:
        """The post's themes, each once, in the order WordPress lists its terms."""
        choices = {}
        for term in post.terms:
            if (
                term.taxonomy not in ("category", "post_tag")
                or term.slug == DEFAULT_CATEGORY
                or self._is_letters_category(term)
            ):
                continue
            slug = self.theme_map.get(term.slug, term.slug)
            if self.only_themes is not None and slug not in self.only_themes:
                continue
            choices.setdefault(slug, self._choice(slug, term))
        return list(choices.values())

    def _is_letters_category(self, term):
        if term.taxonomy != "category":
            return False
        names = {name.casefold() for name in self.letters_categories}
        slugs = {_slug(name) for name in self.letters_categories}
        return term.name.casefold() in names or term.slug in slugs

    def _choice(self, slug, term):
        # A renamed theme takes the name of the category or tag it was renamed to, if any.
        named = self.terms.get(slug) or (term if slug == term.slug else None)
        if named is None:
            return ThemeChoice(slug=slug, name=capfirst(slug.replace("-", " ")))
        return ThemeChoice(slug=slug, name=named.name, description=named.description)


def theme_slug(text):
    """The slug a category or tag name given on the command line stands for."""
    return _slug(text)


# --- HTML: cleaning, converting, splitting --------------------------------------------

_BLOCK_TAGS = (
    "address article aside blockquote caption col colgroup dd details div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr legend li map menu nav "
    "ol p pre section summary table tbody td tfoot th thead tr ul"
).split()
_BLOCK = "|".join(_BLOCK_TAGS)
# Shortcodes. Captions keep their image and text; media that can't come along is dropped
# and reported; a shortcode of any other name goes when it has attributes or a closing
# tag, so that an editor's "[name removed]" in a letter stays.
_CAPTION = re.compile(r"\[(caption|wp_caption)\b([^\]]*)\](.*?)\[/\1\]", re.I | re.S)
_ENCLOSING = re.compile(r"\[([a-z][\w-]*)\b[^\]]*\](.*?)\[/\1\]", re.I | re.S)
_SELF_CLOSING = re.compile(r"\[([a-z][\w-]*)\b([^\]]*)\]", re.I)
_DROPPED_MEDIA = frozenset({"gallery", "audio", "video", "playlist"})
_KNOWN_SHORTCODES = _DROPPED_MEDIA | {"caption", "wp_caption", "embed"}
_CAPTIONED_IMAGE = re.compile(r"\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)", re.I | re.S)
# Elements that can't be carried into Markdown; embedded players become links instead.
_REMOVED_ELEMENTS = [
    "script", "style", "noscript", "template", "form", "input", "button", "select",
    "textarea", "svg", "math", "link", "meta",
]  # fmt: skip
_EMBEDDED_ELEMENTS = ["iframe", "embed", "object", "video", "audio"]


@dataclass(frozen=True)
class Content:
    """A post's HTML made ready to convert, and the shortcodes that had to be removed."""

    html: str
    removed_shortcodes: tuple[str, ...] = ()


def clean_content(raw) -> Content:
    """Resolve shortcodes and, for classic-editor posts, make the paragraphs WordPress would.

    Block-editor posts (with `<!-- wp:… -->` comments) already have their paragraph tags;
    the comments themselves go when the HTML is read (`html_to_markdown`, `split_letter`).
    """
    removed = []

    def unwrap(match):
        name = match.group(1).lower()
        if name in _DROPPED_MEDIA:
            removed.append(name)
            return ""
        return match.group(2)

    def drop(match):
        name = match.group(1).lower()
        if name not in _KNOWN_SHORTCODES and "=" not in match.group(2):
            return match.group(0)
        removed.append(name)
        return ""

    text = _CAPTION.sub(_figure, raw)
    previous = None
    while previous != text:  # nested shortcodes come undone from the outside in
        previous, text = text, _ENCLOSING.sub(unwrap, text)
    text = _SELF_CLOSING.sub(drop, text)
    if "<!-- wp:" not in raw:
        text = _autop(text)
    return Content(html=text, removed_shortcodes=tuple(dict.fromkeys(removed)))


def _figure(match):
    """A [caption] shortcode as the <figure> the block editor would have written."""
    attributes, inner = match.group(2), match.group(3)
    image = _CAPTIONED_IMAGE.match(inner)
    if image is None:
        return inner
    # Very old posts keep the caption in an attribute; newer ones after the image.
    in_attribute = re.search(r'\bcaption="([^"]*)"', attributes)
    caption = (in_attribute.group(1) if in_attribute else image.group(2)).strip()
    figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f"<figure>{image.group(1)}{figcaption}</figure>"


def _autop(text):
    """Paragraphs from blank lines and <br> from single newlines, as WordPress's wpautop.

    Classic-editor posts are stored without <p> tags: WordPress adds them only when it shows
    a post. A simplified port, enough for the prose of a column.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    preformatted = []

    def stash(match):
        preformatted.append(match.group(0))
        return f'<pre data-stashed="{len(preformatted) - 1}"></pre>'

    text = re.sub(r"<pre\b.*?</pre>", stash, text, flags=re.I | re.S)
    text = re.sub(r"<br\s*/?>\s*<br\s*/?>", "\n\n", text, flags=re.I)
    text = re.sub(rf"(<(?:{_BLOCK})\b)", r"\n\n\1", text, flags=re.I)
    text = re.sub(rf"(</(?:{_BLOCK})>|<hr\b[^>]*>)", r"\1\n\n", text, flags=re.I)
    chunks = (chunk.strip() for chunk in re.split(r"\n\s*\n", text))
    html_text = "".join(f"<p>{chunk}</p>\n" for chunk in chunks if chunk)
    # A quotation's text gets paragraphs of its own; no paragraph wraps a block tag.
    html_text = re.sub(r"<p>\s*<blockquote([^>]*)>", r"<blockquote\1><p>", html_text, flags=re.I)
    html_text = re.sub(r"</blockquote>\s*</p>", "</p></blockquote>", html_text, flags=re.I)
    html_text = re.sub(r"<p>\s*</p>", "", html_text)
    html_text = re.sub(rf"<p>\s*(</?(?:{_BLOCK})\b[^>]*>)", r"\1", html_text, flags=re.I)
    html_text = re.sub(rf"(</?(?:{_BLOCK})\b[^>]*>)\s*</p>", r"\1", html_text, flags=re.I)
    html_text = re.sub(r"(?<!<br />)\s*\n", "<br />\n", html_text)
    html_text = re.sub(rf"(</?(?:{_BLOCK})\b[^>]*>)\s*<br />", r"\1", html_text, flags=re.I)
    html_text = re.sub(
        r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)\b[^>]*>)", r"\1", html_text, flags=re.I
    )
    for number, block in enumerate(preformatted):
        html_text = html_text.replace(f'<pre data-stashed="{number}"></pre>', block)
    return html_text


def _soup(html_text):
    """Parse post HTML, keeping only what a Markdown page can carry.

    Comments go (the block editor's delimiters live in them), and so do scripts, styles
    and forms; an embedded player becomes a link to what it played. A link or image whose
    URL has another scheme than the renderer allows (javascript:, data:) loses the URL: the
    renderer would drop it anyway, but it shouldn't sit in the stored Markdown either.
    """
    try:
        soup = BeautifulSoup(html_text, "html.parser")
    except ParserRejectedMarkup as error:
        reason = str(error).strip().splitlines()[-1]
        raise ContentError(f"the HTML can't be read ({reason})") from error
    for node in soup.find_all(string=lambda string: isinstance(string, PreformattedString)):
        node.extract()  # comments, CDATA, processing instructions, doctypes
    while (element := soup.find(_REMOVED_ELEMENTS)) is not None:
        element.decompose()
    for element in soup.find_all(_EMBEDDED_ELEMENTS):
        source = element.find("source")
        url = element.get("src") or element.get("data") or (source and source.get("src"))
        if url and _is_safe_url(url):
            link = soup.new_tag("a", href=url)
            link.string = url
            element.replace_with(link)
        else:
            element.decompose()
    for link in soup.find_all("a"):
        if not _is_safe_url(link.get("href", "")):
            link.unwrap()  # the words stay; the target goes
    for image in soup.find_all("img"):
        if not _is_safe_url(image.get("src", "")):
            image.replace_with(image.get("alt", ""))
    return soup


def _is_safe_url(url):
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return False
    return bool(url.strip()) and (not scheme or scheme in ALLOWED_URL_SCHEMES)


class _Converter(MarkdownConverter):
    def escape(self, text, parent_tags):
        # What read as text in WordPress ("&lt;b&gt;") must not turn into a tag in Markdown.
        return re.sub(r"<(?=[A-Za-z/!?])", "&lt;", super().escape(text, parent_tags))

    def convert_figcaption(self, el, text, parent_tags):
        text = text.strip()
        return f"\n\n*{text}*\n\n" if text else ""


def html_to_markdown(html_text) -> str:
    """Markdown for post HTML that has been through `clean_content`."""
    return _markdown(_soup(html_text))


def _markdown(soup):
    # Two trailing spaces make a line break: Python-Markdown, the site's renderer, has no
    # other way to write one.
    converter = _Converter(heading_style="atx", bullets="-", newline_style="spaces")
    try:
        text = converter.convert_soup(soup)
    except RecursionError as error:
        raise ContentError("the HTML is nested too deeply to convert") from error
    text = re.sub(r"\n[ \t]+\n", "\n\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def image_sources(html_text) -> list[str]:
    """The address of each image in post HTML (after `clean_content`), each once, in order.

    Only the images the conversion keeps: one whose address has an unsafe scheme is gone.
    """
    sources = (image.get("src", "").strip() for image in _soup(html_text).find_all("img"))
    return list(dict.fromkeys(source for source in sources if source))


def is_elsewhere(url, *, site_host, image_hosts) -> bool:
    """Whether a page on `site_host` would have to ask another host for the image at `url`:
    one that is neither `site_host` nor, over HTTPS, in `image_hosts`.

    `image_hosts` are IMAGE_HOSTS entries: host names, with an optional port, and
    "*.example.org" for any subdomain of example.org (as a CSP host-source matches them).
    A relative address is on the site itself.
    """
    try:
        parts = urlsplit(url)
        host, port = (parts.hostname or "").lower(), parts.port
    except ValueError:
        return True  # unreadable, so unshowable
    if not host or host == site_host.lower():
        return False
    if parts.scheme.lower() not in ("https", ""):  # "//host/…" is https on an https page
        return True
    for allowed in image_hosts:
        name, _, allowed_port = allowed.lower().partition(":")
        if allowed_port and allowed_port != str(port):
            continue
        if host == name or (name.startswith("*.") and host.endswith(name[1:])):
            return False
    return True


def html_to_text(html_text) -> str:
    """Plain text for HTML: paragraphs apart by a blank line, a <br> as a newline."""
    soup = _soup(html_text)
    for string in soup.find_all(string=True):
        string.replace_with(re.sub(r"\s+", " ", string))  # as a browser collapses it
    for line_break in soup.find_all("br"):
        line_break.replace_with("\n")
    for block in soup.find_all(_BLOCK_TAGS):
        block.insert_before("\n\n")
        block.insert_after("\n\n")
    for item in soup.find_all("li"):
        item.insert(0, "- ")
    lines = (line.strip() for line in soup.get_text().split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _markdown_to_text(text):
    return html_to_text(markdown.markdown(text, extensions=["extra"]))


@dataclass(frozen=True)
class LetterParts:
    """A column post split into the reader's letter and the columnist's reply."""

    letter: str  # Markdown, without the reader's sign-off
    letter_text: str  # the same as plain text
    sign_off: str  # the reader's ("Confused in Leeds"), or ""
    reply: str  # Markdown, without the columnist's sign-off
    reply_sign_off: str  # the columnist's ("Big love, Elizabeth"), or ""


_DASHES = "—–-~ "
_SALUTATION = re.compile(r"(?:dear|hi|hello|hey)\s+(?P<name>[^,:;!.?]{1,60}?)\s*[,:;!.]?", re.I)
# Lines a reader ends with that are not a sign-off themselves ("Thanks for listening").
_CLOSING = re.compile(
    r"(?:thanks|thank you|many thanks|regards|kind regards|best wishes|yours)\b", re.I
)
SIGN_OFF_MAX_LENGTH = 60


def split_letter(html_text, *, reply_marker, columnist_names) -> LetterParts | None:
    """The reader's letter and the columnist's reply in a column post, or None if not found.

    The letter is the first of: a leading <blockquote>; what comes before the first <hr>;
    what comes before a line that `reply_marker` (a compiled pattern) matches in full.
    A salutation ("Dear Elizabeth,") that shares a paragraph with what follows is given
    its own. The reader's sign-off is a short last line that is not a sentence ("Confused
    in Leeds", "— Tired in Tunbridge"), or any last line the reply's salutation addresses
    ("Dear Confused in Leeds,"). The columnist's is a short last line with one of
    `columnist_names` in it ("Big love, Elizabeth"), joined to a valediction on the line
    before ("Big love," / "Elizabeth"). Both are found only on a line of prose: never the
    last item of a list, a quotation or a table.
    """
    parts = _split(_soup(html_text), reply_marker)
    if parts is None:
        return None
    letter, reply = parts
    reply, reply_sign_off = _take_columnist_sign_off(reply, columnist_names)
    letter, sign_off = _take_reader_sign_off(letter, addressed_as=_addressee(reply))
    letter = _salutation_apart(letter)
    return LetterParts(
        letter=letter,
        letter_text=_markdown_to_text(letter),
        sign_off=sign_off,
        reply=_salutation_apart(reply),
        reply_sign_off=reply_sign_off,
    )


def _split(soup, reply_marker):
    """(letter, reply) as Markdown, or None when no split is found or a side is empty."""
    blocks = [node for node in soup.contents if isinstance(node, Tag) or node.strip()]
    letter = reply = None
    if blocks and blocks[0].name == "blockquote":
        letter, reply = _markdown_of(list(blocks[0].contents)), _markdown_of(blocks[1:])
    else:
        rule = next((index for index, block in enumerate(blocks) if block.name == "hr"), None)
        if rule is not None:
            letter, reply = _markdown_of(blocks[:rule]), _markdown_of(blocks[rule + 1 :])
        else:
            lines = _markdown(soup).split("\n")
            marker = next(
                (i for i, line in enumerate(lines) if reply_marker.fullmatch(_line_words(line))),
                None,
            )
            if marker is not None:
                letter = "\n".join(lines[:marker]).rstrip()
                reply = "\n".join(lines[marker + 1 :]).strip()
    if not letter or not reply:
        return None
    return letter, reply


def _markdown_of(nodes):
    fragment = BeautifulSoup("", "html.parser")
    for node in nodes:
        fragment.append(node)  # moves it out of the post's tree
    return _markdown(fragment)


def _line_words(line):
    """The words of a Markdown line, without emphasis, heading marks or escapes."""
    words = re.sub(r"^#{1,6}\s+", "", line.strip()).strip("*_ ")
    return re.sub(r"\\(.)", r"\1", words)


def _without_last_line(text):
    """The Markdown without its last line, and the words of that line."""
    lines = text.rstrip().split("\n")
    last = lines.pop()
    return "\n".join(lines).rstrip(), _line_words(last)


def _has_several_lines(text):
    return sum(1 for line in text.split("\n") if line.strip()) >= 2


def _ends_in_prose(text):
    """Whether the Markdown's last line is prose, not part of a list, quotation or table."""
    lines = [line.lstrip() for line in text.split("\n") if line.strip()]
    last = lines[-1]
    if last.startswith((">", "|", "```", "![")) or re.match(r"\d+[.)]\s", last):
        return False
    # "- Anon" is a sign-off after a dash, or the last item of a list: the line before tells.
    bullets = ("- ", "* ", "+ ")
    return not (last.startswith(bullets) and len(lines) > 1 and lines[-2].startswith(bullets))


def _is_short(words, *, most_words=8):
    return 0 < len(words) <= SIGN_OFF_MAX_LENGTH and len(words.split()) <= most_words


def _same_words(first, second):
    def normal(text):
        return re.sub(r"\W+", " ", text).strip().casefold()

    return normal(first) == normal(second)


def _take_reader_sign_off(letter, *, addressed_as):
    if not _has_several_lines(letter) or not _ends_in_prose(letter):
        return letter, ""
    rest, last = _without_last_line(letter)
    words = last.lstrip(_DASHES)
    if addressed_as and _same_words(words, addressed_as):
        return rest, words
    if not _is_short(words) or _SALUTATION.fullmatch(words) or _CLOSING.match(words):
        return letter, ""
    # A dash marks a sign-off whatever ends it; without one, a sentence is not a sign-off.
    if (words != last and not words.endswith("?")) or not words.endswith(tuple(".?!:;,")):
        return rest, words
    return letter, ""


def _take_columnist_sign_off(reply, names):
    if not _has_several_lines(reply) or not _ends_in_prose(reply):
        return reply, ""
    rest, last = _without_last_line(reply)
    words = last.lstrip(_DASHES)
    if (
        not _is_short(words)
        or words.endswith(("?", ":", ";"))  # a question to readers, not a signature
        or not any(_mentions(words, name) for name in names if name)
    ):
        return reply, ""
    if _has_several_lines(rest):
        before, previous = _without_last_line(rest)
        if _is_short(previous, most_words=5) and previous.endswith(","):
            return before, f"{previous} {words}"
    return rest, words


def _mentions(text, name):
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.I) is not None


def _addressee(reply):
    """Whom the reply's first line addresses ("Dear Confused in Leeds," → that), or ""."""
    salutation = _SALUTATION.fullmatch(_line_words(reply.split("\n", 1)[0]))
    return salutation.group("name") if salutation else ""


def _salutation_apart(text):
    """Give a salutation that shares its paragraph with the next line a paragraph of its own."""
    first, _, rest = text.partition("\n")
    if rest.strip() and not rest.startswith("\n") and _SALUTATION.fullmatch(_line_words(first)):
        return f"{first.rstrip()}\n\n{rest}"
    return text


def columnist_names(*names: str) -> tuple[str, ...]:
    """The names a columnist signs with: each full name given, and its first word."""
    found = []
    for name in names:
        name = name.strip()
        if name:
            found.extend([name, name.split()[0]])
    return tuple(dict.fromkeys(found))
