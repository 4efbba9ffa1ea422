"""The one Markdown renderer: CommonMark → HTML → nh3 with an allow-list; and typography.

Templates (the `markdown` filter), feeds and the admin's live preview all render through
`render_markdown` (the preview through `render_preview`, the same pipeline without the
memo), so a rule added here holds everywhere. The text is CommonMark (markdown-it-py), the
dialect the WordPress importer writes (markdownify), with tables, footnotes and typography:
curly quotes, dashes and ellipses.

Raw HTML in the text is parsed as CommonMark says (markdown-it's `html` option is on), as
Python-Markdown did before: the allow-list holds tags Markdown has no syntax for (`abbr`,
`sub`, `sup`, `figure`, `dl`…), which editors and imported posts write as HTML. nh3
(Ammonia) is what makes any of it safe: it removes every tag, attribute and URL scheme the
allow-list does not name.

Pull quotes: a quotation (not inside another one or a list) whose text opens with
"Pull quote:" (bold or not) is set as an `<aside>`, the words after the marker only, for
the page to show large between the paragraphs; `<aside>` is on the allow-list, so one
written as HTML is a pull quote too:

    > **Pull quote:** The openness isn't the flaw.

Figures: an image alone in its paragraph with a title, `![alt](url "caption")`, is a
`<figure>` with the title as its `<figcaption>` (inline Markdown, no raw HTML: `<b>` in a
caption shows as typed). An image alone without a title stays an image in a paragraph,
as texts written before figures have it (markdownx's drop-and-paste writes `![](url)`):
a figure without a caption would tell a reader, or a screen reader, nothing more.

Uploaded images: after nh3, `render_markdown` and `render_preview` give each `<img>` of an
upload the editor stored its srcset, sizes, width and height from the database
(postbag.images.with_image_sizes: one query per text that shows an upload, none
otherwise). Only the text → clean HTML step is memoised; the sizes are added on every
render, so a deleted upload loses them at once (whole pages are cached by the page cache).

Titles and other plain text get the same typography through `typographic` (the `typographic`
template filter): only the quotes, dashes and ellipses, never Markdown.
"""

import re
from functools import lru_cache

import nh3
from django.utils.safestring import mark_safe
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin

from postbag.images import with_image_sizes

ALLOWED_TAGS = {
    "a", "abbr", "aside", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em",
    "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "img", "li", "ol", "p",
    "pre", "span", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"align"},
    "th": {"align"},
    "ol": {"start"},
}
# Relative URLs (uploads under /media/) stay allowed; data: and javascript: do not. tel:
# (RFC 3966) only offers a number to call, so an editor's "[116 123](tel:116123)" works.
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}

# Dashes and ellipses as Python-Markdown's smarty made them, so the site's typography did
# not change with the renderer. markdown-it's own `replacements` rule is not used: it also
# turns "(c)" into ©, "+-" into ± and "Help!!!!!" into "Help!!!", changing what people
# wrote (an option list "(a) … (b) … (c) …" would show a copyright sign).
TYPOGRAPHY = [
    (re.compile(r"(?<!-)---(?!-)"), "\u2014"),  # em dash
    (re.compile(r"(?<!-)--(?!-)"), "\u2013"),  # en dash
    (re.compile(r"(?<!\.)\.{3}(?!\.)"), "\u2026"),  # ellipsis
]


# markdown-it's smartquotes curls only the quotes it can pair within a paragraph. The others
# (a quotation running over several paragraphs, an excerpt cut inside one) are curled by
# what comes before them, as smarty did: opening after a space or an opening bracket or
# dash, closing (or an apostrophe) elsewhere, and an apostrophe before a digit ('90s).
LEFTOVER_QUOTE = re.compile(r"""["']""")
OPENS_AFTER = set("([{\u2014\u2013-/")
OPENING_TOKENS = {"softbreak", "hardbreak", "em_open", "strong_open", "link_open"}


def _text_tokens(state):
    """(token, the character before it) for each text token outside code, HTML and
    autolinks; a space stands for the start of a paragraph or line."""
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        inside_autolink, before = False, " "
        for token in block.children:
            if token.type == "link_open" and token.info == "auto":
                inside_autolink = True
            elif token.type == "link_close" and token.info == "auto":
                inside_autolink = False
            elif token.type == "text" and not inside_autolink:
                yield token, before
            if token.type in OPENING_TOKENS:
                before = " "
            elif token.content:
                before = token.content[-1]


def _dashes_and_ellipses(state):
    """markdown-it core rule: TYPOGRAPHY in text."""
    for token, _before in _text_tokens(state):
        for pattern, replacement in TYPOGRAPHY:
            token.content = pattern.sub(replacement, token.content)


def _leftover_quotes(state):
    """markdown-it core rule, after smartquotes: curl the straight quotes it left."""
    for token, before in _text_tokens(state):
        if "'" in token.content or '"' in token.content:
            token.content = _curled(token.content, before)


def _curled(text, before):
    """`text` with each straight quote curled by the character before it (`before` for the
    first character)."""

    def curl(match):
        start = match.start()
        previous = text[start - 1] if start else before
        opening = previous.isspace() or previous in OPENS_AFTER
        if match.group() == '"':
            return "\u201c" if opening else "\u201d"
        following = text[start + 1 : start + 2]
        return "\u2018" if opening and not following.isdigit() else "\u2019"

    return LEFTOVER_QUOTE.sub(curl, text)


def _with_typography(md):
    """`md` with curly quotes (markdown-it's smartquotes, then _leftover_quotes) and
    TYPOGRAPHY. The rules run before text_join, so a quote escaped with a backslash stays
    straight."""
    md.options["typographer"] = True  # smartquotes runs only when this is set
    md.enable("smartquotes")
    md.core.ruler.before("smartquotes", "dashes_and_ellipses", _dashes_and_ellipses)
    md.core.ruler.after("smartquotes", "leftover_quotes", _leftover_quotes)
    return md


# Nesting bounds the work a text can ask for. Blocks (quotes, lists: a list level is two)
# nest up to markdown-it's own 20; deeper blocks are dropped. Inline markup (emphasis, links)
# nests up to 10, deeper is text: each `[` of a text costs a scan as long as this limit,
# and 5,000 of them must render in well under 100 ms.
BLOCK_NESTING = 20
INLINE_NESTING = 10


def _parser(max_nesting):
    """CommonMark with raw HTML, tables, footnotes and definition lists (which the
    importer's markdownify writes for <dl>), as Python-Markdown's "extra" had them. Inline
    footnotes (`^[…]`) stay off: the old renderer had none."""
    md = (
        MarkdownIt("commonmark", {"html": True, "maxNesting": max_nesting})
        .enable("table")
        .use(footnote_plugin, inline=False)
        .use(deflist_plugin)
    )
    # Which addresses a link or image may have is the allow-list's to say (ALLOWED_URL_
    # SCHEMES, stricter than markdown-it's own check), in one place: nh3 removes any other
    # target and keeps the link's words, as before and as the importer does. markdown-it
    # would instead show a refused link as its source, "[words](javascript:…)".
    md.validateLink = lambda url: True
    return md


_inline_parser = _parser(INLINE_NESTING)


def _inline_with_its_own_nesting(state):
    """markdown-it's core `inline` rule, parsing with _inline_parser (INLINE_NESTING)."""
    for token in state.tokens:
        if token.type == "inline":
            token.children = token.children or []
            _inline_parser.inline.parse(token.content, _inline_parser, state.env, token.children)


PULL_QUOTE = re.compile(r"(?:\*\*pull quote:\*\*|\*\*pull quote\*\*:|pull quote:)\s*", re.I)


def _pull_quotes(state):
    """markdown-it core rule, between block and inline parsing: a top-level blockquote
    whose first paragraph opens with PULL_QUOTE becomes an <aside>, without the marker.

    One inside a quotation or a list item stays an ordinary quotation (an aside there would
    break out of what it quotes), without the marker too; one with nothing but the marker
    is left out, rather than shown as an empty aside or blockquote.
    """
    tokens, index = state.tokens, 0
    while index < len(tokens) - 2:
        token, paragraph, inline = tokens[index : index + 3]
        marker = PULL_QUOTE.match(inline.content) if inline.type == "inline" else None
        if token.type != "blockquote_open" or paragraph.type != "paragraph_open" or not marker:
            index += 1
            continue
        end = next(
            at
            for at in range(index + 1, len(tokens))
            if tokens[at].type == "blockquote_close" and tokens[at].level == token.level
        )
        inline.content = inline.content[marker.end() :].strip()
        if not inline.content and end == index + 4:  # open, <p>, the marker, </p>, close
            del tokens[index : end + 1]
            continue
        tokens[index + 3].hidden = paragraph.hidden = not inline.content  # marker on its own
        if token.level == 0:
            token.tag = tokens[end].tag = "aside"
        index += 1


# A caption is a title: text the editor typed in one line; inline Markdown, no raw HTML.
_caption_parser = MarkdownIt("commonmark", {"html": False, "maxNesting": INLINE_NESTING})


def _figures(state):
    """markdown-it core rule, after inline parsing: a paragraph holding one image with a
    title, and nothing else, becomes <figure><img><figcaption>title</figcaption></figure>.

    The caption is parsed as inline Markdown without raw HTML (`_caption_parser`), before
    the typography rules, so it gets curly quotes as the text does; the image loses its
    title (the caption shows it).
    """
    tokens, index = state.tokens, 0
    while index < len(tokens) - 2:
        opening, inline, closing = tokens[index : index + 3]
        children = inline.children or [] if inline.type == "inline" else []
        image = children[0] if len(children) == 1 else None
        title = image.attrGet("title") if image is not None and image.type == "image" else None
        if opening.type != "paragraph_open" or opening.hidden or not title:
            index += 1
            continue
        del image.attrs["title"]
        caption = Token("inline", "", 0)
        caption.content, caption.map, caption.children = title, inline.map, []
        _caption_parser.inline.parse(title, _caption_parser, state.env, caption.children)
        opening.type, opening.tag = "figure_open", "figure"
        closing.type, closing.tag = "figure_close", "figure"
        tokens[index + 2 : index + 2] = [
            Token("figcaption_open", "figcaption", 1),
            caption,
            Token("figcaption_close", "figcaption", -1),
        ]
        index += 5


# One parser for every thread: markdown-it keeps each text's state in its own objects, so a
# configured MarkdownIt renders concurrently.
_markdown = _with_typography(_parser(BLOCK_NESTING))
_markdown.core.ruler.at("inline", _inline_with_its_own_nesting)
_markdown.core.ruler.after("block", "pull_quotes", _pull_quotes)
_markdown.core.ruler.after("inline", "figures", _figures)
# Plain text: no block or inline syntax but text itself, so `*` or `#` in a title stays.
_plain = _with_typography(MarkdownIt("zero"))


def render_markdown(text):
    """Return sanitised HTML for Markdown `text` (a str, or None for ""), marked safe.

    For what readers see: the HTML of recent texts is memoised per process; uploads get
    their sizes from the database on each call (postbag.images.with_image_sizes).
    """
    html = with_image_sizes(_memoised_html(text or ""))
    return mark_safe(html)  # noqa: S308 - nh3 allow-listed it; sizes come from records


def render_preview(text):
    """`render_markdown` for the editors' live preview: the same HTML, never memoised.

    Each keystroke of an editor is a new text; through the memo, previews would push out
    the letters readers are reading.
    """
    html = with_image_sizes(sanitised_html(text or ""))
    return mark_safe(html)  # noqa: S308 - nh3 allow-listed it; sizes come from records


def sanitised_html(text):
    """Markdown `text` (a str) rendered and cleaned by nh3 with the allow-list: a str."""
    return nh3.clean(
        _markdown.render(text),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


# The same letters appear on many pages (lists, themes, feeds): the HTML of a text never
# changes, so the most recent few thousand are kept, per process.
_memoised_html = lru_cache(maxsize=4096)(sanitised_html)


@lru_cache(maxsize=4096)
def typographic(text):
    """Plain `text` (a str, not Markdown, not HTML) with the renderer's typography.

    Straight quotes become curly ones (and apostrophes ’), `--` and `---` en and em dashes,
    `...` an ellipsis, exactly as in rendered Markdown; nothing else changes: `*`, `<` or
    `&amp;` stay as they are, for the template to escape. Titles, excerpts and feed titles
    use it so that they match the text they stand for. Memoised: the same titles appear on
    many pages.
    """
    if not text:
        return text or ""
    tokens = _plain.parseInline(text)
    return "".join(token.content for token in tokens[0].children or ())
