"""Admin pieces shared by the content apps."""

from django.contrib import admin
from markdownx.admin import MarkdownxModelAdmin


class PublishableAdmin(MarkdownxModelAdmin):
    """A markdownx editor for the Markdown fields only, and the public/not-public column."""

    @admin.display(boolean=True, description="public now")
    def is_published(self, obj):
        return obj.is_published
