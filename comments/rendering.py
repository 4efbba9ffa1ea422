"""A reader's comment as HTML: plain text with paragraphs and links, nothing more.

Comments are not Markdown. Readers type plain text; `*`, `#`, `1.` or `<b>` must show as
typed, and a comment can't be made to show an image (a tracking pixel) or a heading. So
the text is escaped whole, split into paragraphs at blank lines (a single line break
stays one), and web addresses (http, https) become links marked `rel="ugc nofollow
noopener"`: written by a user, not vouched for, opened without a handle on this page.
nh3 (Ammonia, as for Markdown in postbag.markdown) then cleans the result against an
allow-list of <p>, <br> and <a href>, so that nothing else can reach a page even if the
steps above had a fault.
"""

import html
import re
from functools import lru_cache

import nh3
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {"p", "br", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
LINK_REL = "ugc nofollow noopener"
# An address runs to the next space; a closing bracket or sentence punctuation at its end
# belongs to the sentence ("see https://example.org/help.").
ADDRESS = re.compile(r"https?://[^\s<>\"]+", re.IGNORECASE)
TRAILING = ".,;:!?)]}'’”"
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def _linked(text):
    """Escaped `text` with each web address in it made a link."""
    parts, last = [], 0
    for match in ADDRESS.finditer(text):
        address = match.group().rstrip(TRAILING)
        start, end = match.start(), match.start() + len(address)
        parts.append(html.escape(text[last:start]))
        if address.lower() in {"http://", "https://"}:
            parts.append(html.escape(address))
        else:
            escaped = html.escape(address)
            parts.append(f'<a href="{escaped}">{escaped}</a>')
        last = end
    parts.append(html.escape(text[last:]))
    return "".join(parts)


@lru_cache(maxsize=2048)
def _comment_html(text):
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    paragraphs = [p.strip() for p in PARAGRAPH_BREAK.split(text) if p.strip()]
    built = "".join(f"<p>{_linked(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)
    return nh3.clean(
        built,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https"},
        link_rel=LINK_REL,
    )


def render_comment(text):
    """A comment's plain `text` (a str) as sanitised HTML paragraphs with links, marked
    safe. Memoised per process: a busy piece's comments are shown again and again."""
    return mark_safe(_comment_html(text or ""))  # noqa: S308 - escaped, then nh3 allow-listed
