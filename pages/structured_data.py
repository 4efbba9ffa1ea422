"""schema.org data for the pages (JSON-LD): QAPage for letters, Article for articles,
CreativeWorkSeries for series, and BreadcrumbList for all of them and themes
(https://schema.org, Google's "structured data" guides for each type). Each builder returns
a dict for the `json_ld` filter.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.text import Truncator

from advice.columnists import reply_author
from advice.letter_updates import last_update_at
from advice.models import Theme
from articles.models import Series
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
        # A classic's re-run moves it, and so does a published update from its writer.
        "dateModified": iso(
            max(filter(None, [letter.modified_at, last_update_at(letter)]), default=None)
        ),
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
                "author": person(reply_author(letter)),
            }
        )
    return without_empty(
        {
            "@context": "https://schema.org",
            "@type": "QAPage",
            "mainEntity": without_empty(question),
            "correction": corrections(letter),
        }
    )


def corrections(piece):
    """schema.org `correction` for a piece: its corrections as CorrectionComments, oldest
    first; None when it has none."""
    return [
        {"@type": "CorrectionComment", "text": item.text, "datePublished": iso(item.corrected_on)}
        for item in piece.shown_corrections
    ] or None


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
            "dateModified": iso(article.modified_at),  # a classic's re-run moves it
            "url": url,
            "mainEntityOfPage": url,
            "publisher": {"@type": "Organization", "name": settings.SITE_NAME},
            "commentCount": comment_count,
            "isPartOf": _series_reference(article),
            "position": getattr(article, "series_position", None),
            "correction": corrections(article),
        }
    )


def _series_reference(article):
    if article.series_id is None or not getattr(article, "series_length", None):
        return None
    return {
        "@type": "CreativeWorkSeries",
        "name": typographic(article.series.title),
        "url": absolute_url(article.series.get_absolute_url()),
    }


def series_data(series, parts):
    """schema.org CreativeWorkSeries for a series page: the series, and its published
    `parts` (Articles, in order) as `hasPart`, each with its `position` ("Part 2").

    CreativeWorkSeries rather than ItemList: the parts are one work in order, which is what
    https://schema.org/CreativeWorkSeries describes ("a group of related items, typically
    but not necessarily of the same kind"), each part's place a CreativeWork's `position`
    (https://schema.org/position); an ItemList describes a list of links, not the work.
    """
    return without_empty(
        {
            "@context": "https://schema.org",
            "@type": "CreativeWorkSeries",
            "name": typographic(series.title),
            "description": plain_text(series.description) or None,
            "url": absolute_url(series.get_absolute_url()),
            "publisher": {"@type": "Organization", "name": settings.SITE_NAME},
            "hasPart": [
                {
                    "@type": "Article",
                    "position": part.series_position,
                    "headline": Truncator(typographic(part.title)).chars(110),
                    "url": absolute_url(part.get_absolute_url()),
                    "datePublished": iso(part.published_at),
                    "author": person(part.byline),
                }
                for part in parts
            ],
        }
    )


# Where a piece without a theme sits: its kind's archive, (name, URL name).
ARCHIVES = {
    "letter": ("Letters", "advice:letter_list"),
    "article": ("Articles", "articles:article_list"),
}


def trail(item):
    """The way from the home page to `item` (a Theme, Series, Letter or Article): a list of
    (name, path) pairs, home first and `item` last. The visible breadcrumb
    (`includes/breadcrumbs.html`) and `breadcrumbs` both show this list, so they agree.

    - a theme: Home › its section › the theme (a section, or a theme in none: Home › theme);
    - a series: Home › Articles › the series;
    - a letter or article: Home › section › theme › piece, by the piece's first theme in
      name order (its themes come prefetched in that order with their sections joined:
      `with_themes()`, no query here); without a theme: Home › Letters (or Articles) › piece.
    """
    steps = [("Home", reverse("home"))]
    if isinstance(item, Theme):
        return steps + _theme_steps(item)
    if isinstance(item, Series):  # a series: Home › Articles › the series
        name, url_name = ARCHIVES["article"]
        series = (typographic(item.title), item.get_absolute_url())
        return [*steps, (name, reverse(url_name)), series]
    first_theme = next(iter(item.themes.all()), None)
    if first_theme is None:
        name, url_name = ARCHIVES[item.kind]
        steps.append((name, reverse(url_name)))
    else:
        steps += _theme_steps(first_theme)
    steps.append((typographic(item.title), item.get_absolute_url()))
    return steps


def _theme_steps(theme):
    section = [(theme.parent.name, theme.parent.get_absolute_url())] if theme.parent_id else []
    return [*section, (theme.name, theme.get_absolute_url())]


def breadcrumbs(item):
    """schema.org BreadcrumbList of `trail(item)`, each step's address absolute."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": absolute_url(path)}
            for position, (name, path) in enumerate(trail(item), start=1)
        ],
    }
