"""The one Markdown renderer: Markdown → HTML → nh3 with an allow-list.

Templates (the `markdown` filter), the admin's live preview (MARKDOWNX_MARKDOWNIFY_FUNCTION),
feeds and search excerpts all call `render_markdown`, so a rule added here holds everywhere.
Python-Markdown passes raw HTML through untouched; nh3 (Ammonia) is what makes it safe.
"""

import threading
from functools import lru_cache

import markdown
import nh3
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em",
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
# Relative URLs (uploads under /media/) stay allowed; data: and javascript: do not.
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
MARKDOWN_EXTENSIONS = ["extra", "sane_lists", "smarty"]

# Building a Markdown converter (loading its extensions) costs as much as converting a
# letter, so each thread keeps one and resets it between texts (converters are not
# thread-safe).
_local = threading.local()


def _converter():
    if not hasattr(_local, "converter"):
        _local.converter = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS, output_format="html")
    return _local.converter


def render_markdown(text):
    """Return sanitised HTML for Markdown `text`, marked safe for templates."""
    return mark_safe(_sanitised_html(text or ""))  # noqa: S308 - nh3 allow-listed it


# The same letters appear on many pages (lists, themes, feeds): the HTML of a text never
# changes, so the most recent few thousand are kept, per process.
@lru_cache(maxsize=4096)
def _sanitised_html(text):
    return nh3.clean(
        _converter().reset().convert(text),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
