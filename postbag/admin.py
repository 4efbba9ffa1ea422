"""Admin pieces shared by the content apps, and the list of moved addresses (redirects)."""

from django.contrib import admin
from markdownx.admin import MarkdownxModelAdmin

from postbag.models import Redirect


class EditorStylesMixin:
    """The site's admin additions: the inbox counts, markdownx's editor fitting a phone."""

    class Media:
        css = {"all": ["css/admin.css"]}


class PublishableAdmin(EditorStylesMixin, MarkdownxModelAdmin):
    """A markdownx editor for the Markdown fields only, and the public/not-public column."""

    @admin.display(boolean=True, description="public now")
    def is_published(self, obj):
        return obj.is_published


@admin.register(Redirect)
class RedirectAdmin(admin.ModelAdmin):
    """Old addresses and where they lead now: made by renames and merges (postbag.redirects),
    so editors look and delete, and never type one in (a typed one could chain or loop)."""

    list_display = ["old_path", "new_path", "moved_at"]
    search_fields = ["old_path", "new_path"]
    date_hierarchy = "moved_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
