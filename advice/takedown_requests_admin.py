"""Writers' takedown requests in the admin (advice.takedown_requests): a list the desk links
to. An editor opens the letter and takes it down there ("Take down…", postbag.takedowns_admin),
or deletes a request to decline it. Requests aren't added or edited here: only writers send
them, with their code."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from advice.takedown_requests import TakedownRequest


@admin.register(TakedownRequest)
class TakedownRequestAdmin(admin.ModelAdmin):
    list_display = ["received_at", "letter_link", "letter_state", "reason"]
    list_select_related = ["letter"]
    fields = ["received_at", "letter_link", "letter_state", "reason"]
    readonly_fields = fields

    def get_queryset(self, request):
        columns = ["received_at", "reason", "letter__title", "letter__status"]
        return super().get_queryset(request).only(*columns, "letter__taken_down_at")

    @admin.display(description="letter")
    def letter_link(self, takedown_request):
        letter = takedown_request.letter
        url = reverse("admin:advice_letter_change", args=[letter.pk])
        return format_html('<a href="{}">{}</a>', url, letter.title or f"Letter {letter.pk}")

    @admin.display(description="letter now")
    def letter_state(self, takedown_request):
        return "Taken down" if takedown_request.letter.taken_down_at else "Still up: waiting"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
