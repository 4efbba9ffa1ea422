"""The inbox's view of hoaxes and floods (advice.floods): a "Similar letters" and a "Burst"
filter, a line under the letter's excerpt ("Like 2 letters in the postbag · Burst of 4"),
and on a letter's page the letters like it, with their likeness, and its burst."""

from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from advice import floods
from advice.models import Letter
from postbag.admin import day_words
from postbag.text import SALUTATION, excerpt


class SimilarLettersFilter(admin.SimpleListFilter):
    title = "similar letters"
    parameter_name = "similar"

    def lookups(self, request, model_admin):
        return [("yes", "Like another letter in the postbag")]

    def queryset(self, request, queryset):
        return queryset.filter(floods.has_likeness()) if self.value() == "yes" else queryset


class BurstFilter(admin.SimpleListFilter):
    title = "arrived in a burst"
    parameter_name = "burst"

    def lookups(self, request, model_admin):
        return [("yes", "Burst")]

    def queryset(self, request, queryset):
        return queryset.filter(burst_size__isnull=False) if self.value() == "yes" else queryset


FLOODS_READONLY_FIELDS = ["letters_like_this_one", "burst"]  # LetterAdmin's readonly_fields
FIELDSET = ("Letters like this one in the postbag", {"fields": FLOODS_READONLY_FIELDS})


class IncomingGroupsAdminMixin:
    """Mixed into LetterAdmin: the filters, the marks under the excerpt, and the fieldset."""

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), SimilarLettersFilter, BurstFilter]

    def get_list_display(self, request):
        return [
            "excerpt_and_marks" if name == "excerpt" else name
            for name in super().get_list_display(request)
        ]

    def get_list_display_links(self, request, list_display):
        return ["excerpt_and_marks"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(has_like=floods.has_likeness())

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        return [*fieldsets, FIELDSET] if obj is not None else fieldsets

    @admin.display(description="letter")
    def excerpt_and_marks(self, letter):
        marks = []
        if getattr(letter, "has_like", False):
            marks.append("Like another letter in the postbag")
        if letter.burst_size:
            marks.append(f"Burst of {letter.burst_size}")
        shown = self.excerpt(letter)
        if not marks:
            return shown
        return format_html("{}<br><small>{}</small>", shown, " · ".join(marks))

    @admin.display(description="letters like this one")
    def letters_like_this_one(self, letter):
        alike = list(floods.letters_like(letter)[:20]) if letter.pk else []
        if not alike:
            return "None: no letter waiting in the postbag tells this story."
        rows = (
            (
                reverse("admin:advice_letter_change", args=[other.pk]),
                link_text(other.pk, other.received_at, other.original_text),
                f"{other.similarity:.0%}",
                other.get_status_display(),
            )
            for other in alike
        )
        items = format_html_join("", '<li><a href="{}">{}</a> — {} alike · {}</li>', rows)
        return format_html("<ul>{}</ul>", items)

    @admin.display(description="burst")
    def burst(self, letter):
        words = floods.burst_words(letter)
        if not words:
            return "No: not one of many letters from one connection."
        others = Letter.objects.filter(burst_token=letter.burst_token).exclude(pk=letter.pk)
        links = format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            (
                (reverse("admin:advice_letter_change", args=[pk]), link_text(pk, at, text))
                for pk, at, text in others.order_by("received_at", "pk").values_list(
                    "pk", "received_at", "original_text"
                )
            ),
        )
        return format_html("{}. The others: {}.", words, links) if links else words


def link_text(pk, received_at, text):
    """A link to another letter, told apart from its neighbours: letters in a burst or alike
    often share a sign-off ("Anonymous") and their opening words, so it names the received
    time (to the second), a few opening words and the letter's number: "No. 12, received 3 May,
    14:02:09: “My sister borrows money…”"."""
    seconds = f"{timezone.localtime(received_at).second:02}"  # a burst comes in seconds
    words = excerpt(SALUTATION.sub("", text), words=8, characters=60)  # past "Dear …,"
    return f"No. {pk}, received {day_words(received_at, time=True)}:{seconds}: “{words}”"
