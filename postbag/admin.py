"""Admin pieces shared by the content apps, and the list of moved addresses (redirects)."""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.html import format_html
from markdownx.admin import MarkdownxModelAdmin
from markdownx.models import MarkdownxField

from postbag.admin_widgets import CountedMarkdownxWidget
from postbag.image_admin import UploadedImageAdmin  # noqa: F401 (registers the Images list)
from postbag.models import Redirect
from postbag.revision_admin import RevisionsAdminMixin
from postbag.takedowns_admin import TakedownAdminMixin


class EditorStylesMixin:
    """The site's admin additions: the inbox counts, markdownx's editor fitting a phone."""

    class Media:
        css = {"all": ["css/admin.css", "css/admin-images.css"]}
        js = ["js/insert-image.js"]  # the Insert image button by each Markdown editor


def day_words(moment, *, time=False):
    """A datetime as an editor says it, in local time: "3 Dec", "3 Dec, 09:00" with `time`;
    the year is added when it isn't this year ("3 Dec 2025")."""
    local = timezone.localtime(moment)
    day = "j M" if local.year == timezone.localtime().year else "j M Y"
    return format_date(local, f"{day}, H:i" if time else day)


def publication_words(obj):
    """ "Published 29 Nov" or "Scheduled for 3 Dec, 09:00" for a Publishable with the
    published status; None for one that isn't (a draft, a new letter)."""
    if obj.is_published:
        return f"Published {day_words(obj.published_at)}"
    if obj.is_scheduled:
        return f"Scheduled for {day_words(obj.published_at, time=True)}"
    return None


class PublishableAdmin(
    TakedownAdminMixin, RevisionsAdminMixin, EditorStylesMixin, MarkdownxModelAdmin
):
    """A markdownx editor for the Markdown fields only, the public/not-public column, and
    after saving a link to what was saved: "Published — view it", "Scheduled … — preview
    it" (staff see a scheduled page at its own address, marked as a preview). Revisions,
    autosave and the leave warning come from postbag.revision_admin."""

    class Media(EditorStylesMixin.Media):
        # A Media here replaces the mixin's, so it repeats the mixin's files first.
        css = {"all": [*EditorStylesMixin.Media.css["all"], "css/admin-revisions.css"]}
        js = [*getattr(EditorStylesMixin.Media, "js", []), "js/autosave.js"]

    # The editor with its preview beside it and its word count (postbag.admin_widgets).
    formfield_overrides = {MarkdownxField: {"widget": CountedMarkdownxWidget}}

    @admin.display(boolean=True, description="public now")
    def is_published(self, obj):
        return obj.is_published

    # After Django's own "was added/changed successfully", which comes first.
    def response_add(self, request, obj, *args, **kwargs):
        response = super().response_add(request, obj, *args, **kwargs)
        self._say_where_to_see_it(request, obj)
        return response

    def response_change(self, request, obj):
        response = super().response_change(request, obj)
        self._say_where_to_see_it(request, obj)
        return response

    def _say_where_to_see_it(self, request, obj):
        obj.refresh_from_db(fields=["status", "published_at", "slug"])  # as the writers left it
        if not obj.slug or not (obj.is_published or obj.is_scheduled):
            return
        words, link = (
            ("Published", "view it") if obj.is_published else (publication_words(obj), "preview it")
        )
        self.message_user(
            request,
            format_html('{} — <a href="{}">{}</a>', words, obj.get_absolute_url(), link),
            messages.SUCCESS,
        )


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
