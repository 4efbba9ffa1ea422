"""The old WordPress addresses, for editors to look up: read-only, as the import made them.

Deleting one ends its redirect (the address becomes a 404); re-importing the export
records it again.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from wpimport.models import OldAddress


@admin.register(OldAddress)
class OldAddressAdmin(admin.ModelAdmin):
    list_display = ["path", "leads_to", "created_at"]
    search_fields = ["path", "letter__title", "article__title"]
    list_select_related = ["letter", "article"]
    fields = ["path", "leads_to", "created_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="leads to")
    def leads_to(self, address):
        piece = address.piece
        meta = piece._meta
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[piece.pk])
        return format_html('{}: <a href="{}">{}</a>', meta.verbose_name, url, piece)
