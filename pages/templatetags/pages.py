"""Template tags that compose letters and articles: structured data and related reading.

Loaded by the content apps' templates (`{% load pages %}`), so their views never import
`pages`: a template names the tag, the tag does the composing.
"""

from django import template

from pages import cards, structured_data
from pages.related import (
    answered_letters_like,
    answered_letters_like_text,
    related_reading,
    similar_published,
)

register = template.Library()

register.filter("qa_page", structured_data.qa_page)
register.filter("article_data", structured_data.article_data)
register.filter("breadcrumbs", structured_data.breadcrumbs)
register.filter("series_data", structured_data.series_data)


@register.inclusion_tag("includes/breadcrumbs.html")
def breadcrumb_nav(item):
    """The visible breadcrumb of a letter, article or theme page (structured_data.trail),
    the same steps as its BreadcrumbList."""
    return {"trail": structured_data.trail(item)}


@register.inclusion_tag("includes/social_card.html")
def social_card(item):
    """The Open Graph and X/Twitter tags naming the card image of a letter or article."""
    return {"card": cards.card_meta(item)}


@register.inclusion_tag("includes/related.html")
def related_reading_for(item):
    """The related-reading box for a letter or article (pages.related.related_reading)."""
    return {"related": related_reading(item)}


@register.simple_tag
def similar_published_to(letter):
    """For editors: published pieces most like `letter` (pages.related.similar_published)."""
    return similar_published(letter)


@register.simple_tag
def answered_letters_like_this(letter):
    """For the receipt page: published letters most like the reader's new `letter`
    (pages.related.answered_letters_like)."""
    return answered_letters_like(letter)


@register.simple_tag
def answered_letters_like_draft(text):
    """For the ask form: published letters most like the reader's unsent `text`
    (pages.related.answered_letters_like_text); None when it is too short to go on."""
    return answered_letters_like_text(text)
