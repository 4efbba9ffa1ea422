from django.contrib import admin

from articles.models import Article, Series
from postbag.admin import PublishableAdmin


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    list_display = ["title", "slug"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Article)
class ArticleAdmin(PublishableAdmin):
    list_display = ["title", "byline", "status", "is_published", "published_at", "series"]
    list_filter = ["status", "themes", "published_at", "series"]
    search_fields = ["title", "standfirst", "body", "byline"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["themes"]
    list_select_related = ["series"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "byline", "standfirst", "body", "themes"]}),
        ("Series", {"fields": ["series", "series_part"]}),
        ("Publication", {"fields": ["status", "published_at"]}),
    ]
