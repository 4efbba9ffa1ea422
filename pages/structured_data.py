"""schema.org data for the pages (JSON-LD): QAPage for letters, Article for articles, and
BreadcrumbList for letters, articles and themes (https://schema.org, Google's "structured
data" guides for each type). Each builder returns a dict for the `json_ld` filter.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.text import Truncator

from advice.models import Theme
from postbag.links import absolute_url
from postbag.markdown import typographic
from postbag.text import plain_text


def person(name):
    return {"@type": "Person", "name": name}


def iso(moment):
    return moment.isoformat() if moment else None


def without_empty(data):
    """Drop the keys a staff preview of an unpublished item has no value for."""
    return {key: value for key, value in data.items() if value is not None}


def qa_page(letter, comment_count=None):
    """schema.org QAPage data for a letter: the letter as the question, the reply as answer.

    `comment_count` (readers' approved comments, from the comments app's template tag) is
    the question's `commentCount`; None leaves it out (comments off)."""
    url = absolute_url(letter.get_absolute_url())
    question = {
        "@type": "Question",
        "name": typographic(letter.title),
        "text": plain_text(letter.body),
        "dateCreated": iso(letter.published_at),
        "author": person(letter.sign_off or "Anonymous"),
        "answerCount": 0,
        "commentCount": comment_count,
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


def article_data(article, comment_count=None):
    """schema.org Article data for an article page; `comment_count` as for qa_page."""
    url = absolute_url(article.get_absolute_url())
    return without_empty(
        {
            "@context": "https://schema.org",
            "@type": "Article",
            "headline": Truncator(typographic(article.title)).chars(110),
            "description": typographic(article.standfirst) or None,
            "author": person(article.byline),
            "datePublished": iso(article.published_at),
            "dateModified": iso(article.updated_at),
            "url": url,
            "mainEntityOfPage": url,
            "publisher": {"@type": "Organization", "name": settings.SITE_NAME},
            "commentCount": comment_count,
        }
    )


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
        trail.append((typographic(item.title), item.get_absolute_url()))
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": absolute_url(path)}
            for position, (name, path) in enumerate(trail, start=1)
        ],
    }
