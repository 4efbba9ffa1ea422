from django.contrib import admin

from articles.models import Article, Series
from postbag.admin import PublishableAdmin
from postbag.admin_widgets import SectionedThemesAdmin
from postbag.classics_admin import rerun_now
from postbag.recordings import RECORDING_FIELDSET, RecordingAdminMixin


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    # No prepopulated_fields here or below: the admin's script would drop Hindi's vowel
    # signs from the slug. A slug left empty is made on saving (postbag.slugs).
    list_display = ["title", "slug"]
    search_fields = ["title"]


@admin.register(Article)
class ArticleAdmin(SectionedThemesAdmin, RecordingAdminMixin, PublishableAdmin):
    list_display = ["title", "byline", "status", "is_published", "published_at", "series"]
    list_filter = ["status", "themes", "published_at", "series"]
    search_fields = ["title", "standfirst", "body", "byline"]
    date_hierarchy = "published_at"
    list_select_related = ["series"]
    actions = [rerun_now]
    fieldsets = [
        (
            None,
            {"fields": ["title", "slug", "byline", "standfirst", "content_note", "body", "themes"]},
        ),
        ("Series", {"fields": ["series", "series_part"]}),
        ("Publication", {"fields": ["status", "published_at", "rerun_at", "comments_closed"]}),
        RECORDING_FIELDSET,
    ]
    readonly_fields = ["recording_details"]
