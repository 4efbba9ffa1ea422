"""WordPress post HTML → Markdown: shortcodes, classic-editor paragraphs, unsafe markup.

`clean_content` resolves shortcodes and makes the paragraphs WordPress would show;
`html_to_markdown` then converts (markdownify over BeautifulSoup), after dropping what a
Markdown page can't carry. HTML only ever becomes Markdown here; Postbag's one renderer
(postbag.markdown) sanitises it when it is shown. `parse_html` and `soup_to_markdown` are
the two halves of `html_to_markdown`, for splitting a post into letter and reply.
"""

import html
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, ParserRejectedMarkup
from bs4.element import PreformattedString
from markdownify import MarkdownConverter

from postbag.markdown import ALLOWED_URL_SCHEMES
from wpimport.nesting import flatten_deep_nesting


class ContentError(ValueError):
    """One post's HTML can't be converted."""


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
# [embed]URL[/embed]: WordPress showed the player of whatever the address leads to.
_EMBED = re.compile(r"\[embed\b[^\]]*\](.*?)\[/embed\]", re.I | re.S)
# WordPress's teaser marker: what comes before it is what a list of posts showed. It may
# carry a link text (<!--more Read on-->); <!--noteaser--> only changed the post's own page.
_MORE = re.compile(r"<!--more\b(.*?)-->", re.S)
_NOTEASER = re.compile(r"<!--noteaser-->")
# An address alone on its line or in its paragraph, which WordPress shows as what it leads
# to (a video's player, a post's card) or else as a link: its own two patterns (WP_Embed).
_BARE_URL_LINE = re.compile(r"^(\s*)(https?://[^\s<>\"]+)(\s*)$", re.I | re.M)
_BARE_URL_PARAGRAPH = re.compile(r"(<p(?: [^>]*)?>\s*)(https?://[^\s<>\"]+)(\s*</p>)", re.I)
_CAPTIONED_IMAGE = re.compile(r"\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)", re.I | re.S)
# Elements that can't be carried into Markdown; embedded players become links instead.
_REMOVED_ELEMENTS = [
    "script", "style", "noscript", "template", "form", "input", "button", "select",
    "textarea", "svg", "math", "link", "meta",
]  # fmt: skip
_EMBEDDED_ELEMENTS = ["iframe", "embed", "object", "video", "audio"]


@dataclass(frozen=True)
class Content:
    """A post's HTML made ready to convert, and the shortcodes that had to be removed.

    `teaser` and `after_teaser` are the HTML before and after WordPress's `<!--more-->`,
    each made ready the same way; both "" when the post has no such marker.
    """

    html: str
    removed_shortcodes: tuple[str, ...] = ()
    linked_shortcodes: tuple[str, ...] = ()  # shown as a link to what they played
    teaser: str = ""
    after_teaser: str = ""
    bare_urls: int = 0  # addresses alone on a line, which WordPress embedded: now links
    flattened: int = 0  # lists and quotations nested too deeply, flattened (wpimport.nesting)

    def warnings(self) -> list[str]:
        """What the report says of the post's content: a sentence for each kind of change."""
        warnings = []
        if self.removed_shortcodes:
            names = ", ".join(f"[{name}]" for name in self.removed_shortcodes)
            warnings.append(f"removed shortcodes {names}: add anything they showed by hand.")
        if self.linked_shortcodes:
            names = ", ".join(f"[{name}]" for name in self.linked_shortcodes)
            warnings.append(
                f"{names} became a link to what it showed: embed it by hand if it should play."
            )
        if self.bare_urls:
            warnings.append(
                "an address alone on its line, which WordPress showed as what it leads to (a "
                "video's player, say), became a link: embed it by hand if it should play."
            )
        if self.flattened:
            warnings.append(
                "lists or quotations nested deeper than a page shows (8 list levels, 16 "
                "quotation levels) were flattened into the deepest level shown: check the "
                "post's shape."
            )
        return warnings


def clean_content(raw) -> Content:
    """Resolve shortcodes and, for classic-editor posts, make the paragraphs WordPress would.

    Block-editor posts (with `<!-- wp:… -->` comments) already have their paragraph tags;
    the comments themselves go when the HTML is read (`html_to_markdown`, `split_letter`).
    `<!--more-->` goes here: on a line of its own it ends a paragraph, as it did on the
    post's own page; within a line it leaves no trace. `[embed]URL[/embed]` becomes a link.
    """
    block_editor = "<!-- wp:" in raw
    marker = _MORE.search(raw)
    if marker is None:
        return _cleaned(raw, block_editor=block_editor)
    whole = _cleaned(_MORE.sub(_without_more, raw), block_editor=block_editor)
    return Content(
        html=whole.html,
        removed_shortcodes=whole.removed_shortcodes,
        linked_shortcodes=whole.linked_shortcodes,
        bare_urls=whole.bare_urls,
        flattened=whole.flattened,
        teaser=_cleaned(raw[: marker.start()], block_editor=block_editor).html.strip(),
        after_teaser=_cleaned(raw[marker.end() :], block_editor=block_editor).html.strip(),
    )


def _without_more(match):
    # A marker beside a line break stood on a line of its own, between paragraphs.
    before, after = match.string[: match.start()], match.string[match.end() :]
    if before.endswith("\n") or after.startswith(("\n", "\r\n")):
        return "\n\n"
    return ""


def _cleaned(raw, *, block_editor) -> Content:
    raw = _NOTEASER.sub("", raw)
    removed = []
    linked = []

    def link(match):
        url = html.unescape(re.sub(r"<[^>]*>", "", match.group(1))).strip()
        if not _is_safe_url(url) or urlsplit(url).scheme.lower() not in ("http", "https"):
            removed.append("embed")  # nothing a link could lead to
            return ""
        linked.append("embed")
        address = html.escape(url)
        return f'<a href="{address}">{address}</a>'

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

    text = _EMBED.sub(link, _CAPTION.sub(_figure, raw))
    previous = None
    while previous != text:  # nested shortcodes come undone from the outside in
        previous, text = text, _ENCLOSING.sub(unwrap, text)
    text = _SELF_CLOSING.sub(drop, text)
    text, bare_urls = _link_bare_urls(text)
    if not block_editor:
        text = _autop(text)
    text, flattened = flatten_deep_nesting(text)
    return Content(
        html=text,
        removed_shortcodes=tuple(dict.fromkeys(removed)),
        linked_shortcodes=tuple(dict.fromkeys(linked)),
        bare_urls=bare_urls,
        flattened=flattened,
    )


def _link_bare_urls(text):
    """`text` with each address alone on its line or in its paragraph made a link, as
    WordPress showed it (an embedded player when it could); and how many there were."""
    count = 0

    def link(match):
        nonlocal count
        count += 1
        address = html.escape(html.unescape(match.group(2)))
        return f'{match.group(1)}<a href="{address}">{address}</a>{match.group(3)}'

    text = _BARE_URL_LINE.sub(link, text)
    return _BARE_URL_PARAGRAPH.sub(link, text), count


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


def parse_html(html_text):
    """Parse post HTML, keeping only what a Markdown page can carry.

    Comments go (the block editor's delimiters live in them), and so do scripts, styles
    and forms; an embedded player becomes a link to what it played. A link or image whose
    URL has another scheme than the renderer allows (javascript:, data:) loses the URL: the
    renderer would drop it anyway, but it shouldn't sit in the stored Markdown either.
    Raises ContentError when the parser gives up on the HTML.
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

    def convert_td(self, el, text, parent_tags):
        # A "|" in a cell would end it: "2|3" would show as "2".
        return super().convert_td(el, text.replace("|", r"\|"), parent_tags)

    def convert_th(self, el, text, parent_tags):
        return super().convert_th(el, text.replace("|", r"\|"), parent_tags)

    def convert_figcaption(self, el, text, parent_tags):
        text = text.strip()
        return f"\n\n*{text}*\n\n" if text else ""


def html_to_markdown(html_text) -> str:
    """Markdown for post HTML that has been through `clean_content`."""
    return soup_to_markdown(parse_html(html_text))


def soup_to_markdown(soup) -> str:
    """Markdown for a parsed fragment (`parse_html`); ContentError if nested too deeply."""
    # Two trailing spaces make a line break, which every Markdown reader understands;
    # CommonMark's other form, a backslash at the end of the line, is CommonMark's alone.
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
    sources = (image.get("src", "").strip() for image in parse_html(html_text).find_all("img"))
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
    soup = parse_html(html_text)
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


def teaser_standfirst(content, *, room) -> tuple[str, str]:
    """(standfirst, body) of a post with a teaser (`content.teaser`, what comes before
    `<!--more-->`) and no excerpt: the teaser as plain text, and the body as Markdown.

    The teaser moves out of the body when it can go whole: one paragraph of plain text (no
    link, emphasis or image to lose) of at most `room` characters, with a body after it.
    Otherwise it stays in the body as written, and the text of its paragraphs is the
    standfirst (the caller shortens it to fit): a list, quotation or heading in it is not
    a standfirst's, so a teaser of only those gives none.
    """
    paragraphs = _paragraphs(content.teaser)
    text = "\n\n".join(html_to_text(str(paragraph)) for paragraph in paragraphs)
    if len(paragraphs) != len(_blocks(content.teaser)):
        return text.strip(), html_to_markdown(content.html)
    rest = html_to_markdown(content.after_teaser)
    teaser = re.sub(r"\\(.)", r"\1", html_to_markdown(content.teaser))
    if teaser == text and "\n" not in text and len(text) <= room and rest:
        return text, rest
    return text, html_to_markdown(content.html)


def _blocks(html_text):
    """The top-level parts of post HTML: its elements and its text that isn't blank."""
    soup = parse_html(html_text)
    return [node for node in soup.contents if node.name or node.strip()]


def _paragraphs(html_text):
    """The top-level parts of post HTML that are paragraphs: <p>, or text and inline
    elements outside any block."""
    return [node for node in _blocks(html_text) if node.name in (None, "p", *_INLINE)]


_INLINE = frozenset("a abbr b br cite code em i mark q s small span strong sub sup u".split())
