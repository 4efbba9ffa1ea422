from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.template.defaultfilters import pluralize
from django.utils import timezone
from django.utils.text import Truncator
from markdownx.admin import MarkdownxModelAdmin
from markdownx.models import MarkdownxField
from markdownx.widgets import AdminMarkdownxWidget

from advice import services
from advice.models import Letter, Reply, Theme
from postbag.admin import EditorStylesMixin, PublishableAdmin


@admin.register(Theme)
class ThemeAdmin(EditorStylesMixin, MarkdownxModelAdmin):
    # No prepopulated_fields here or below: the admin's script would drop Hindi's vowel
    # signs from the slug. A slug left empty is made on saving (postbag.slugs).
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]


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
    formfield_overrides = {MarkdownxField: {"widget": AdminMarkdownxWidget}}


# Each action and each status change made in the form goes through the one write function.
STATUS_WRITERS = {
    Letter.Status.SHORTLISTED: services.shortlist_letter,
    Letter.Status.PUBLISHED: services.publish_letter,
    Letter.Status.DECLINED: services.decline_letter,
    Letter.Status.SPAM: services.mark_letter_spam,
}


def requested_writer(form):
    """The write function for the status chosen in the letter `form`, if it was changed."""
    if "status" not in form.changed_data:
        return None
    return STATUS_WRITERS.get(form.cleaned_data["status"])


@admin.register(Letter)
class LetterAdmin(PublishableAdmin):
    change_form_template = "admin/advice/letter/change_form.html"
    change_list_template = "admin/advice/letter/change_list.html"
    list_display = [
        "__str__",
        "status",
        "received_at",
        "sign_off",
        "excerpt",
        "theme_names",
        "suggested_theme_names",
        "is_published",
    ]
    list_filter = ["status", "themes", "received_at", "published_at"]
    search_fields = ["title", "body", "original_text", "sign_off", "original_sign_off"]
    date_hierarchy = "received_at"
    ordering = ["-received_at"]
    filter_horizontal = ["themes"]
    inlines = [ReplyInline]
    actions = ["shortlist", "decline", "mark_spam", "publish_now"]
    readonly_fields = ["reader_will_be_emailed", "suggested_theme_names"]

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
                    "themes",
                    "suggested_theme_names",
                ],
                "description": "The edited copy readers see: trim it for length and remove "
                "anything that could identify the writer.",
            },
        ),
        (
            "Publication",
            {"fields": ["status", "published_at", "reader_will_be_emailed", "comments_closed"]},
        ),
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
        return Truncator(letter.original_text).words(18)

    @admin.display(description="themes")
    def theme_names(self, letter):
        return ", ".join(theme.name for theme in letter.themes.all()) or "—"

    @admin.display(description="suggested themes")
    def suggested_theme_names(self, letter):
        return ", ".join(theme.name for theme in letter.suggested_themes.all()) or "—"

    @admin.display(description="reader asked to be told by e-mail", boolean=True)
    def reader_will_be_emailed(self, letter):
        return bool(letter.email)

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
        changed = 0
        for letter in queryset.select_related("reply"):
            try:
                write(letter=letter)
                changed += 1
            except ValidationError as error:
                self.message_user(
                    request,
                    f"“{letter}” was not changed: {' '.join(error.messages)}",
                    messages.WARNING,
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
        def publish_now(*, letter):
            # A scheduled letter comes forward to now; a public one keeps its date.
            now = None if letter.is_published else timezone.now()
            services.publish_letter(letter=letter, published_at=now)

        self._apply(request, queryset, publish_now, "published")
