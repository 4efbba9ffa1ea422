"""Template tags that compose letters and articles: structured data and related reading.

Loaded by the content apps' templates (`{% load pages %}`), so their views never import
`pages`: a template names the tag, the tag does the composing.
"""

from django import template

from pages import structured_data
from pages.related import related_reading, similar_published

register = template.Library()

register.filter("qa_page", structured_data.qa_page)
register.filter("article_data", structured_data.article_data)
register.filter("breadcrumbs", structured_data.breadcrumbs)


@register.inclusion_tag("includes/related.html")
def related_reading_for(item):
    """The related-reading box for a letter or article (pages.related.related_reading)."""
    return {"related": related_reading(item)}


@register.simple_tag
def similar_published_to(letter):
    """For editors: published pieces most like `letter` (pages.related.similar_published)."""
    return similar_published(letter)
