"""Admin pieces shared by the content apps."""

from django.contrib import admin
from markdownx.admin import MarkdownxModelAdmin


class EditorStylesMixin:
    """The site's admin additions: the inbox counts, markdownx's editor fitting a phone."""

    class Media:
        css = {"all": ["css/admin.css"]}


class PublishableAdmin(EditorStylesMixin, MarkdownxModelAdmin):
    """A markdownx editor for the Markdown fields only, and the public/not-public column."""

    @admin.display(boolean=True, description="public now")
    def is_published(self, obj):
        return obj.is_published
