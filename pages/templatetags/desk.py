"""The editor's desk on the admin's first page: `{% load desk %}{% editors_desk as desk %}`."""

from django import template

from pages.desk import editors_desk

register = template.Library()


@register.simple_tag(takes_context=True, name="editors_desk")
def editors_desk_tag(context):
    """The Desk (pages.desk) for the user of the request being answered."""
    return editors_desk(context["request"].user)
