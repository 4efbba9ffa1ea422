"""The site's own template filters and tags that know no content model.

Markdown through the one renderer, plain text for descriptions, page links and canonical
addresses, and JSON-LD blocks that no content can break out of. Tags that compose letters
and articles (related reading, structured data) live in pages/templatetags/pages.py.
"""

import json
from functools import lru_cache

from django import template
from django.conf import settings
from django.utils.safestring import mark_safe

from postbag import text
from postbag.links import absolute_url
from postbag.markdown import render_markdown, typographic
from postbag.phones import link_phone_numbers

register = template.Library()

# Inside <script>, "</script>" or "<!--" would end the data early: JSON may spell these
# characters as escapes, and HTML then never sees them.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


@register.filter(name="markdown")
def markdown_filter(markdown):
    """Markdown to sanitised HTML, through the site's one renderer."""
    return render_markdown(markdown)


# The words of Markdown without markup or HTML, and a letter's first sentence.
register.filter("plain_text", text.plain_text)
register.filter("lede", text.lede)
# Plain text (a title, a standfirst) with the typography of rendered Markdown: curly quotes,
# dashes, ellipses. The result is plain text still, for autoescaping to escape.
register.filter("typographic", typographic)


@register.inclusion_tag("includes/crisis_notice.html")
def crisis_notice(themes=None):
    """The crisis notice (settings.CRISIS_NOTICE), its phone numbers tappable: always
    without `themes` (the ask form); with them (a piece's themes, prefetched: no query),
    only when one of them has `show_crisis_notice` set."""
    shown = themes is None or any(getattr(theme, "show_crisis_notice", False) for theme in themes)
    if not shown:
        return {"notice": ""}
    return {"notice": _crisis_notice_html(settings.CRISIS_NOTICE, settings.CRISIS_PHONE_REGION)}


@lru_cache(maxsize=4)
def _crisis_notice_html(notice, region):
    html = link_phone_numbers(render_markdown(notice), region=region)
    return mark_safe(html)  # noqa: S308 - nh3's output, with links whose text is escaped


@register.simple_tag
def column_name():
    """The column's name (settings.COLUMN_NAME), for the error pages that are rendered
    without a request context (500.html, 503.html), where context processors never run."""
    return settings.COLUMN_NAME


@register.simple_tag(takes_context=True)
def page_url(context, page_number):
    """The current URL with `?page=` replaced, keeping any other query parameters."""
    query = context["request"].GET.copy()
    query["page"] = page_number
    return "?" + query.urlencode()


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """This page's public address: SITE_URL and the path, with `?page=` past the first.

    The number is the one of the page shown (`page` in the context, a Page of a list), not
    the request's `?page=`, which any page may be sent, with anything in it.
    """
    number = getattr(context.get("page"), "number", 1)
    query = f"?page={number}" if number > 1 else ""
    return absolute_url(context["request"].path + query)


@register.filter
def json_ld(data):
    """`data` as a JSON-LD <script> block that no content can break out of."""
    encoded = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(  # noqa: S308 - every <, > and & is escaped inside the JSON
        f'<script type="application/ld+json">{encoded.translate(JSON_SCRIPT_ESCAPES)}</script>'
    )
