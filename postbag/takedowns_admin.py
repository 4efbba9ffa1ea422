"""The admin side of corrections and takedowns (postbag.takedowns), for letters and
articles alike: a corrections inline on the piece's page, the actions "Take down…" (a
second page asks for the note to readers and the editors' reason) and "Restore", and the
read-only log. Every change goes through the module's write functions, which log it as
the editor's."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.contenttypes.admin import GenericTabularInline
from django.core.exceptions import ValidationError
from django.template.defaultfilters import pluralize
from django.template.response import TemplateResponse

from postbag.admin_actions import apply_to_each
from postbag.takedowns import (
    NOTE_LENGTH,
    Correction,
    PublicationLogEntry,
    add_correction,
    restore,
    take_down,
)


class CorrectionInline(GenericTabularInline):
    """A published piece's corrections: a new one is added through `add_correction`
    (logged, and it moves the piece's feed entry); one added to an unpublished piece is
    refused with a message, since a draft is simply edited."""

    model = Correction
    fields = ["corrected_on", "text"]
    extra = 0
    verbose_name_plural = "corrections (shown with their date at the end of the piece)"

    def get_formset(self, request, obj=None, **kwargs):
        base = super().get_formset(request, obj, **kwargs)
        editor = request.user

        class LoggedCorrections(base):
            def clean(self):
                super().clean()
                new = [form for form in self.extra_forms if form.has_changed()]
                if new and not self.instance.is_published:
                    raise ValidationError(
                        "Corrections are for published pieces: edit the text of a draft instead."
                    )

            def save_new(self, form, commit=True):
                return add_correction(
                    piece=self.instance,
                    text=form.cleaned_data["text"],
                    on=form.cleaned_data.get("corrected_on"),
                    by=editor,
                )

        return LoggedCorrections


class TakeDownForm(forms.Form):
    """The second page of "Take down…": what readers are told, and why (for the log)."""

    note = forms.CharField(
        label="Note to readers",
        max_length=NOTE_LENGTH,
        help_text="Shown at the piece's address from now on, e.g. “This letter was removed "
        "at its writer's request.”",
    )
    reason = forms.CharField(
        label="Why (for the editors' log only)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


@admin.action(description="Take down the selected pieces…", permissions=["change"])
def take_down_pieces(modeladmin, request, queryset):
    """Ask for the note and reason, then take each selected published piece down."""
    form = TakeDownForm(request.POST if "apply" in request.POST else None)
    if not form.is_valid():
        context = {
            **modeladmin.admin_site.each_context(request),
            "title": "Take down",
            "opts": modeladmin.model._meta,
            "pieces": queryset,
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/postbag/take_down.html", context)

    def write(piece):
        take_down(piece=piece, by=request.user, **form.cleaned_data)

    done = apply_to_each(modeladmin, request, queryset, write, not_done="taken down")
    if done:
        modeladmin.message_user(
            request,
            f"{done} piece{pluralize(done)} taken down: {pluralize(done, 'its,their')} address "
            "now answers “Gone” with your note, and every list, feed and search has dropped "
            f"{pluralize(done, 'it,them')}.",
            messages.SUCCESS,
        )
    return None


@admin.action(description="Restore the selected pieces after a takedown", permissions=["change"])
def restore_pieces(modeladmin, request, queryset):
    def write(piece):
        restore(piece=piece, by=request.user)

    done = apply_to_each(modeladmin, request, queryset, write, not_done="restored")
    if done:
        modeladmin.message_user(
            request, f"{done} piece{pluralize(done)} restored: public again, at the same address."
        )


class TakedownAdminMixin:
    """For a Publishable piece's ModelAdmin: the corrections inline and the two actions."""

    def get_inlines(self, request, obj):
        inlines = list(super().get_inlines(request, obj))
        return [*inlines, CorrectionInline] if obj is not None else inlines

    def get_actions(self, request):
        actions = super().get_actions(request)
        for action in (take_down_pieces, restore_pieces):
            if self.has_change_permission(request):
                actions[action.__name__] = self.get_action(action)
        return actions


@admin.register(PublicationLogEntry)
class PublicationLogAdmin(admin.ModelAdmin):
    """Who did what, when and why: read-only for everyone."""

    list_display = ["at", "action", "piece_name", "editor", "reason"]
    # Only the kinds that have entries (letters, articles), not every model of the site.
    list_filter = ["action", ("content_type", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["editor", "content_type"]
    date_hierarchy = "at"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("piece")

    @admin.display(description="piece")
    def piece_name(self, entry):
        return str(entry.piece) if entry.piece is not None else "(deleted)"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
