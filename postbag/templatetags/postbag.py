import html
import json
import re

import nh3
from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.text import Truncator, capfirst

from advice.models import Theme
from postbag.markdown import render_markdown

register = template.Library()

# Markdown's markup, for plain-text views of it: [links](…) keep their text; emphasis,
# headings, quotes and list markers go.
MARKUP = re.compile(
    r"!?\[([^\]]*)\]\([^)]*\)|^\s{0,3}(?:#{1,6}|>|[-+*]|\d+[.)])\s+|\*{1,3}|_{2,3}|`+",
    re.MULTILINE,
)
# A letter opens with a salutation ("Dear Elizabeth,"), which says nothing about it.
SALUTATION = re.compile(r"^\s*dear\b[^\n,]{0,60},\s*", re.IGNORECASE)
SENTENCE = re.compile(r".+?[.!?…](?=\s|$)", re.DOTALL)
# Inside <script>, "</script>" or "<!--" would end the data early: JSON may spell these
# characters as escapes, and HTML then never sees them.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


@register.filter(name="markdown")
def markdown_filter(text):
    """Markdown to sanitised HTML, through the site's one renderer."""
    return render_markdown(text)


@register.simple_tag(takes_context=True)
def page_url(context, page_number):
    """The current URL with `?page=` replaced, keeping any other query parameters."""
    query = context["request"].GET.copy()
    query["page"] = page_number
    return "?" + query.urlencode()


def strip_markup(markdown):
    """Markdown source without its markup characters: not rendered, see plain_text."""
    return MARKUP.sub(lambda match: match.group(1) or "", markdown or "")


@register.filter
def plain_text(markdown):
    """The words of Markdown, without markup or HTML, for meta tags and structured data.

    Not rendered: Python-Markdown takes milliseconds a call, and these need only the words.
    nh3 drops any HTML (with what <script> or <style> held); the text comes back unescaped,
    for the template or the JSON encoder to escape.
    """
    return " ".join(html.unescape(nh3.clean(strip_markup(markdown), tags=set())).split())


@register.filter
def lede(markdown, length=160):
    """The first sentence of a letter's Markdown, past its salutation, for a description."""
    text = SALUTATION.sub("", plain_text(markdown))
    match = SENTENCE.match(text)
    return Truncator(capfirst(match.group() if match else text)).chars(length)


def absolute_url(path):
    """`path` on the public site (SITE_URL), for links that leave the site."""
    return settings.SITE_URL + path


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
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(  # noqa: S308 - every <, > and & is escaped inside the JSON
        f'<script type="application/ld+json">{text.translate(JSON_SCRIPT_ESCAPES)}</script>'
    )


def person(name):
    return {"@type": "Person", "name": name}


def iso(moment):
    return moment.isoformat() if moment else None


def without_empty(data):
    """Drop the keys a staff preview of an unpublished item has no value for."""
    return {key: value for key, value in data.items() if value is not None}


@register.filter
def qa_page(letter):
    """schema.org QAPage data for a letter: the letter as the question, the reply as answer."""
    url = absolute_url(letter.get_absolute_url())
    question = {
        "@type": "Question",
        "name": letter.title,
        "text": plain_text(letter.body),
        "dateCreated": iso(letter.published_at),
        "author": person(letter.sign_off or "Anonymous"),
        "answerCount": 0,
    }
    if letter.has_reply:
        question["answerCount"] = 1
        question["acceptedAnswer"] = without_empty(
            {
                "@type": "Answer",
                "text": plain_text(letter.reply.body),
                "datePublished": iso(letter.published_at),
                "url": url + "#reply-heading",
                "author": person(letter.reply.columnist_name),
            }
        )
    return {
        "@context": "https://schema.org",
        "@type": "QAPage",
        "mainEntity": without_empty(question),
    }


@register.filter
def article_data(article):
    """schema.org Article data for an article page."""
    url = absolute_url(article.get_absolute_url())
    return without_empty(
        {
            "@context": "https://schema.org",
            "@type": "Article",
            "headline": Truncator(article.title).chars(110),
            "description": article.standfirst or None,
            "author": person(article.byline),
            "datePublished": iso(article.published_at),
            "dateModified": iso(article.updated_at),
            "url": url,
            "mainEntityOfPage": url,
            "publisher": {"@type": "Organization", "name": settings.SITE_NAME},
        }
    )


@register.filter
def breadcrumbs(item):
    """schema.org BreadcrumbList: Home › Theme for a theme; Home › first theme › item else.

    A letter's or article's themes come prefetched, in name order: no query here.
    """
    trail = [("Home", reverse("home"))]
    if isinstance(item, Theme):
        trail.append((item.name, item.get_absolute_url()))
    else:
        first_theme = next(iter(item.themes.all()), None)
        if first_theme is not None:
            trail.append((first_theme.name, first_theme.get_absolute_url()))
        trail.append((item.title, item.get_absolute_url()))
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": absolute_url(path)}
            for position, (name, path) in enumerate(trail, start=1)
        ],
    }
