from django import template

from postbag.markdown import render_markdown

register = template.Library()


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
