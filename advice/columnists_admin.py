"""Columnists in the admin: their own pages, and on the letters list the "Assigned to"
filter and the action "Assign the selected letters to …" (a second page asks to whom).

Both go through advice.columnists: the filter's values are the desk's links ("mine",
"none", a columnist's id), and the action calls `assign_letters`.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Count, Q
from django.template.defaultfilters import pluralize
from django.template.response import TemplateResponse

from advice.columnists import ASSIGNED_TO, WAITING, Columnist, assign_letters
from postbag.admin import EditorStylesMixin


@admin.register(Columnist)
class ColumnistAdmin(EditorStylesMixin, admin.ModelAdmin):
    list_display = ["name", "byline", "credit_line", "waiting", "active"]
    list_filter = ["active"]
    search_fields = ["name", "credited_as"]
    filter_horizontal = ["users"]
    fieldsets = [
        (None, {"fields": ["name", "users", "active"]}),
        (
            "Byline",
            {
                "fields": ["byline", "credit_writer", "credited_as"],
                "description": "How replies to their letters are signed on the site. "
                "Letters assigned to nobody keep the reply's own name.",
            },
        ),
    ]

    def get_queryset(self, request):
        waiting = Count("letters", filter=Q(letters__status__in=WAITING))
        return super().get_queryset(request).annotate(waiting_count=waiting)

    @admin.display(description="credit under the reply")
    def credit_line(self, columnist):
        return f"Written this week by {columnist.credit}" if columnist.credit else "—"

    @admin.display(description="letters waiting", ordering="waiting_count")
    def waiting(self, columnist):
        return columnist.waiting_count


class AssignedToFilter(admin.SimpleListFilter):
    """The letters list by columnist: the signed-in editor's own ("My letters"), nobody's,
    or one columnist's."""

    title = "assigned to"
    parameter_name = ASSIGNED_TO

    def lookups(self, request, model_admin):
        choices = [("mine", "My letters"), ("none", "Nobody yet")]
        return choices + [(str(c.pk), str(c)) for c in Columnist.objects.only("name", "active")]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "mine":
            return queryset.filter(columnist__users=request.user)
        if value == "none":
            return queryset.filter(columnist=None)
        if value and value.isdigit():
            return queryset.filter(columnist_id=int(value))
        return queryset


class AssignForm(forms.Form):
    """The action's second step: whom the selected letters go to."""

    columnist = forms.ModelChoiceField(
        queryset=Columnist.objects.for_choosing(),
        label="Assign to",
        required=False,
        empty_label="Nobody (leave them unassigned)",
        help_text="Their desk lists these letters from now on.",
    )


@admin.action(description="Assign the selected letters to …", permissions=["change"])
def assign_to_columnist(modeladmin, request, queryset):
    """Ask to whom (a second page), then assign the letters with assign_letters."""
    form = AssignForm(request.POST if "apply" in request.POST else None)
    if not form.is_valid():
        context = {
            **modeladmin.admin_site.each_context(request),
            "title": "Assign letters to a columnist",
            "opts": modeladmin.model._meta,
            "letters": queryset.select_related("columnist"),
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/advice/letter/assign_columnist.html", context)
    columnist = form.cleaned_data["columnist"]
    count = assign_letters(letters=queryset, columnist=columnist)
    whom = f"assigned to {columnist.name}" if columnist else "left unassigned"
    modeladmin.message_user(request, f"{count} letter{pluralize(count)} {whom}.", messages.SUCCESS)
    return None
