from django.contrib import admin

from newsletter.models import Subscriber
from postbag.admin import EditorStylesMixin


@admin.register(Subscriber)
class SubscriberAdmin(EditorStylesMixin, admin.ModelAdmin):
    """Read-mostly: editors see who is subscribed (and since when) and may delete an
    address on request; addresses are added only by their owners, through the site."""

    list_display = ["email", "is_confirmed", "followed_themes", "created_at", "confirmed_at"]
    list_filter = [("confirmed_at", admin.EmptyFieldListFilter), "themes"]
    search_fields = ["email"]
    date_hierarchy = "created_at"
    fields = ["email", "themes", "created_at", "confirmed_at", "sent_through"]
    readonly_fields = fields
    actions = ["delete_selected"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("themes")

    @admin.display(boolean=True, description="confirmed")
    def is_confirmed(self, obj):
        return obj.is_confirmed

    @admin.display(description="themes")
    def followed_themes(self, obj):
        names = ", ".join(theme.name for theme in obj.themes.all())
        if not names and obj.chose_themes:
            return "everything (the themes they chose were deleted; told in the next issue)"
        return names or "everything"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
