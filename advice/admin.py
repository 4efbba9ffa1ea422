from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.template.defaultfilters import filesizeformat, pluralize
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from markdownx.admin import MarkdownxModelAdmin
from markdownx.models import MarkdownxField

from advice import services
from advice.admin_forms import LetterEditorAdmin
from advice.columnist import prepared_portrait
from advice.columnists_admin import AssignedToFilter, assign_to_columnist
from advice.floods_admin import FLOODS_READONLY_FIELDS, IncomingGroupsAdminMixin
from advice.identifying_admin import IdentifyingCheckMixin, confirm_publishing
from advice.models import ColumnistProfile, Letter, Reply, Theme
from advice.updates_admin import PRIVATE_NOTE_FIELDSET  # and the writers' updates' admin
from postbag.admin import EditorStylesMixin, PublishableAdmin, day_words, publication_words
from postbag.admin_actions import apply_to_each
from postbag.admin_widgets import CountedMarkdownxWidget
from postbag.classics_admin import rerun_now
from postbag.recordings import RECORDING_FIELDSET, RecordingAdminMixin
from postbag.stored_files import DeletesReplacedFiles, delete_when_committed
from postbag.text import excerpt


class ThemeForm(forms.ModelForm):
    """The theme form: its section is chosen among the themes in no section (sections are
    one level deep; `Theme.check_section` explains a refusal)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        sections = Theme.objects.filter(parent=None)
        if self.instance.pk is not None:
            sections = sections.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = sections


@admin.register(Theme)
class ThemeAdmin(EditorStylesMixin, MarkdownxModelAdmin):
    # No prepopulated_fields here or below: the admin's script would drop Hindi's vowel
    # signs from the slug. A slug left empty is made on saving (postbag.slugs).
    form = ThemeForm
    list_display = ["name", "slug", "parent", "show_crisis_notice", "content_note"]
    list_select_related = ["parent"]
    # Only the themes that are sections are offered, and "-" for the themes in none.
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter), "show_crisis_notice"]
    search_fields = ["name", "description"]
    actions = ["merge"]

    @admin.action(
        description="Merge the selected themes into another theme",
        permissions=["change", "delete"],
    )
    def merge(self, request, queryset):
        """Ask which theme to keep (a second page), then merge each selected theme into it
        with services.merge_themes: its pieces move, it is deleted, its address redirects."""
        form = MergeThemesForm(request.POST if "apply" in request.POST else None)
        if not form.is_valid():
            context = {
                **self.admin_site.each_context(request),
                "title": "Merge themes",
                "opts": self.model._meta,
                "themes": queryset,
                "crisis_themes": [theme for theme in queryset if theme.show_crisis_notice],
                "form": form,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(request, "admin/advice/theme/merge_themes.html", context)
        target = form.cleaned_data["target"]
        sources = queryset.exclude(pk=target.pk)
        if not sources:
            # Only the kept theme was ticked: say so, rather than come back without a word.
            self.message_user(
                request,
                f"Nothing was merged: “{target}” can't be merged into itself. Tick the themes "
                "to merge, then choose the one to keep.",
                messages.WARNING,
            )
        for source in sources:
            try:
                merged = services.merge_themes(source=source, target=target)
            except ValidationError as error:
                problem = " ".join(error.messages)
                self.message_user(request, f"“{source}” was not merged: {problem}", messages.ERROR)
                continue
            what = ", ".join(merged.described) or "nothing was filed under it"
            notice = (
                f" “{target}” shows the crisis notice (“If you need help now”) from now on, "
                f"as “{source}” did."
                if merged.crisis_notice_added
                else ""
            )
            self.message_user(
                request,
                f"“{source}” was merged into “{target}” ({what}). "
                f"Its old address now leads to “{target}”.{notice}",
            )
            target.show_crisis_notice |= merged.crisis_notice_added
        return None


class MergeThemesForm(forms.Form):
    """The merge action's second step: the theme that the selected ones go into."""

    target = forms.ModelChoiceField(
        queryset=Theme.objects.all(),
        label="Merge into",
        empty_label="Choose the theme to keep",
        help_text="It may be one of the selected themes: the others go into it.",
    )


class ReplyFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        # The letter form's data is already on self.instance when the inlines are checked.
        if self.instance.status != Letter.Status.PUBLISHED:
            return
        has_reply = any(
            form.cleaned_data.get("body", "").strip() and not form.cleaned_data.get("DELETE")
            for form in self.forms
            if hasattr(form, "cleaned_data")
        )
        # The title is the letter form's to report; the reply is this formset's.
        problems = self.instance.publication_problems(has_reply=has_reply)
        if "reply" in problems:
            raise forms.ValidationError(problems["reply"])


class ReplyInline(admin.StackedInline):
    model = Reply
    formset = ReplyFormSet
    fields = ["body", "columnist_name", "sign_off"]
    extra = 1
    max_num = 1
    formfield_overrides = {MarkdownxField: {"widget": CountedMarkdownxWidget}}


# Each action and each status change made in the form goes through the one write function.
STATUS_WRITERS = {
    Letter.Status.SHORTLISTED: services.shortlist_letter,
    Letter.Status.PUBLISHED: services.publish_letter,
    Letter.Status.DECLINED: services.decline_letter,
    Letter.Status.SPAM: services.mark_letter_spam,
}


def status_in_words(letter):
    """The letter's status as the inbox says it: "New", "Reply drafted", "Published 29 Nov",
    "Scheduled for 3 Dec, 09:00" (published, with a publication time still to come)."""
    return publication_words(letter) or letter.get_status_display()


def email_state(letter):
    """What happened about the outcome e-mail, in words (the address is erased once sent)."""
    if letter.email:
        if letter.status == Letter.Status.DECLINED:
            return "Will be told it could not be answered"
        return "Will be told when published"
    if letter.outcome_emailed_at is None:
        return "No e-mail address given"
    when = day_words(letter.outcome_emailed_at, time=True)
    if letter.status == Letter.Status.DECLINED:
        return f"Told it could not be answered ({when}) — address erased"
    return f"Told {when} — address erased"


def requested_writer(form):
    """The write function for the status chosen in the letter `form`, if it was changed."""
    if "status" not in form.changed_data:
        return None
    return STATUS_WRITERS.get(form.cleaned_data["status"])


@admin.register(Letter)
class LetterAdmin(
    IncomingGroupsAdminMixin,
    IdentifyingCheckMixin,
    LetterEditorAdmin,
    RecordingAdminMixin,
    PublishableAdmin,
):
    change_form_template = "admin/advice/letter/change_form.html"
    change_list_template = "admin/advice/letter/change_list.html"
    # Five columns that fit a 1280 px laptop (admin.css): the suggestions ride in the themes
    # column, and "public now" is in the status's words.
    list_display = ["excerpt", "signed", "received", "status_words", "theme_names"]
    list_display_links = ["excerpt"]
    list_filter = ["status", AssignedToFilter, "themes", "received_at", "published_at"]
    search_fields = ["title", "body", "original_text", "sign_off", "original_sign_off"]
    date_hierarchy = "received_at"
    ordering = ["-received_at"]
    inlines = [ReplyInline]
    actions = ["shortlist", "decline", "mark_spam", "publish_now", rerun_now, assign_to_columnist]
    readonly_fields = ["email_state", "recording_details", *FLOODS_READONLY_FIELDS]

    fieldsets = [
        ("As received", {"fields": ["original_text", "original_sign_off", "received_at"]}),
        (
            "For publication",
            {
                "fields": [
                    "title",
                    "slug",
                    "body",
                    "sign_off",
                    "content_note",
                    "themes",
                    "columnist",
                ],
                "description": "The edited copy readers see: trim it for length and remove "
                "anything that could identify the writer.",
            },
        ),
        (
            "Publication",
            {"fields": ["status", "published_at", "rerun_at", "email_state", "comments_closed"]},
        ),
        RECORDING_FIELDSET,
        PRIVATE_NOTE_FIELDSET,
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("themes", "suggested_themes")

    def view_on_site(self, letter):
        """The letter's page for "View on site"; no link while it has none (no title yet)."""
        return letter.get_absolute_url() if letter.slug else None

    def get_readonly_fields(self, request, obj=None):
        # What the reader sent is kept exactly as received.
        if obj is not None:
            return ["original_text", "original_sign_off", "received_at", *self.readonly_fields]
        return self.readonly_fields

    @admin.display(description="letter")
    def excerpt(self, letter):
        """The title (if it has one) over the opening words, cut at a word."""
        words = excerpt(letter.original_text, words=16, characters=110)
        if not letter.title:
            return words
        return format_html("<strong>{}</strong><br>{}", letter.title, words)

    @admin.display(description="sign-off", ordering="original_sign_off")
    def signed(self, letter):
        return letter.sign_off or letter.original_sign_off or "—"

    @admin.display(description="received", ordering="received_at")
    def received(self, letter):
        return day_words(letter.received_at)

    @admin.display(description="status", ordering="status")
    def status_words(self, letter):
        return status_in_words(letter)

    @admin.display(description="themes")
    def theme_names(self, letter):
        """The letter's themes, then the suggested ones not chosen yet, marked as such."""
        chosen = [theme.name for theme in letter.themes.all()]
        suggested = [t.name for t in letter.suggested_themes.all() if t.name not in chosen]
        if not suggested:
            return ", ".join(chosen) or "—"
        return format_html(
            '{}<span class="suggested-themes">suggested: {}</span>',
            format_html("{}<br>", ", ".join(chosen)) if chosen else "",
            format_html_join(", ", "{}", ((name,) for name in suggested)),
        )

    @admin.display(description="e-mail to the reader")
    def email_state(self, letter):
        return email_state(letter)

    def changelist_view(self, request, extra_context=None):
        counts = dict(Letter.objects.order_by().values_list("status").annotate(total=Count("pk")))
        status_counts = [
            (value, label, counts.get(value, 0)) for value, label in Letter.Status.choices
        ]
        return super().changelist_view(
            request, {**(extra_context or {}), "status_counts": status_counts}
        )

    def save_model(self, request, obj, form, change):
        # A status with a write function changes only through it (save_related, once the
        # reply is saved too): the form's own save keeps the status the letter had.
        if requested_writer(form) is not None:
            obj.status = form.initial.get("status", Letter.Status.NEW)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        letter = form.instance
        write = requested_writer(form)
        if write is not None:
            write(letter=letter)
        elif letter.has_reply:
            services.mark_letter_drafted(letter=letter)

    def _apply(self, request, queryset, write, done):
        letters = queryset.select_related("reply")
        changed = apply_to_each(
            self, request, letters, lambda letter: write(letter=letter), not_done="changed"
        )
        if changed:
            self.message_user(request, f"{changed} letter{pluralize(changed)} {done}.")

    @admin.action(description="Shortlist the selected letters")
    def shortlist(self, request, queryset):
        self._apply(request, queryset, services.shortlist_letter, "shortlisted")

    @admin.action(description="Decline the selected letters (the reader is told kindly)")
    def decline(self, request, queryset):
        self._apply(request, queryset, services.decline_letter, "declined")

    @admin.action(description="Mark the selected letters as spam")
    def mark_spam(self, request, queryset):
        self._apply(request, queryset, services.mark_letter_spam, "marked as spam")

    @admin.action(description="Publish the selected letters now")
    def publish_now(self, request, queryset):
        if (question := confirm_publishing(self, request, queryset)) is not None:
            return question  # the identifying details of each letter, to confirm

        def publish_now(*, letter):
            # A scheduled letter comes forward to now; a public one keeps its date.
            now = None if letter.is_published else timezone.now()
            services.publish_letter(letter=letter, published_at=now)

        self._apply(request, queryset, publish_now, "published")


class ColumnistProfileForm(DeletesReplacedFiles, forms.ModelForm):
    """The About page's form. A new portrait is judged by its content alone, as the Markdown
    editor's images are (postbag.editor.prepare_image): decoded and encoded again by Pillow,
    stored under a random name whose extension is the format Pillow found. The portrait it
    replaced or cleared is deleted once saved: an old photo doesn't stay public."""

    replaced_file_fields = ("portrait",)
    # A plain file field: Django's ImageField would refuse a good photo for its file name.
    portrait = forms.FileField(
        required=False,
        help_text=ColumnistProfile._meta.get_field("portrait").help_text,
    )

    class Meta:
        model = ColumnistProfile
        fields = ["name", "portrait", "portrait_description", "introduction", "how_to_write"]

    def clean_portrait(self):
        portrait = self.cleaned_data["portrait"]
        if not isinstance(portrait, UploadedFile):  # unchanged, or cleared (False)
            return portrait
        limit = settings.MARKDOWNX_UPLOAD_MAX_SIZE
        if portrait.size > limit:
            raise ValidationError(
                f"This file is {filesizeformat(portrait.size)}; "
                f"images up to {filesizeformat(limit)} can be uploaded."
            )
        return prepared_portrait(portrait)

    def clean(self):
        cleaned = super().clean()
        # A new upload, or the portrait kept (the form gives back the stored file).
        if cleaned.get("portrait") and not cleaned.get("portrait_description", "").strip():
            self.add_error(
                "portrait_description",
                "Describe the portrait in a few words, for readers who can't see it.",
            )
        return cleaned


@admin.register(ColumnistProfile)
class ColumnistProfileAdmin(EditorStylesMixin, MarkdownxModelAdmin):
    """One row: "add" only while there is none; deleting it brings back the defaults."""

    form = ColumnistProfileForm

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not ColumnistProfile.objects.exists()

    def delete_model(self, request, obj):
        """Delete the row, and its portrait once that is committed."""
        super().delete_model(request, obj)
        delete_when_committed(obj.portrait.storage, obj.portrait.name)


from advice import postbag_status_admin, takedown_requests_admin  # noqa: E402,F401
