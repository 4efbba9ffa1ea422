"""The editors' side of the writers' updates: read one as received, edit the copy readers
will see, publish or decline it (through advice.updates, as every other path does)."""

from django.contrib import admin
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils.html import format_html
from markdownx.admin import MarkdownxModelAdmin

from advice import updates
from advice.letter_updates import LetterUpdate
from postbag.admin import EditorStylesMixin
from postbag.admin_actions import apply_to_each
from postbag.text import excerpt

# On the letter's page (advice.admin.LetterAdmin): the note only its writer ever reads.
PRIVATE_NOTE_FIELDSET = (
    "Private note to the writer",
    {
        "fields": ["private_note"],
        "description": "For a declined letter: a few lines its writer reads on the status page "
        "with their receipt code, and nowhere else (a helpline, a letter that answers theirs). "
        "Never published; deleted with the letter, and after PRIVATE_NOTE_DAYS days.",
    },
)


@admin.register(LetterUpdate)
class LetterUpdateAdmin(EditorStylesMixin, MarkdownxModelAdmin):
    list_display = ["opening", "letter_title", "received_at", "status", "published_at"]
    list_filter = ["status", "received_at"]
    list_select_related = ["letter"]
    search_fields = ["original_text", "body", "letter__title"]
    ordering = ["-received_at"]
    actions = ["publish_now", "decline"]
    fields = ["letter_link", "original_text", "received_at", "body", "status", "published_at"]
    readonly_fields = ["letter_link", "original_text", "received_at", "published_at"]

    def has_add_permission(self, request):
        return False  # updates come from the letters' writers, with their receipt codes

    @admin.display(description="update")
    def opening(self, update):
        return excerpt(update.original_text, words=16, characters=110)

    @admin.display(description="letter", ordering="letter__title")
    def letter_title(self, update):
        return str(update.letter)

    @admin.display(description="letter")
    def letter_link(self, update):
        """The letter it updates, in the admin, and its public page once it has one."""
        letter = update.letter
        edit = format_html(
            '<a href="{}">{}</a>', reverse("admin:advice_letter_change", args=[letter.pk]), letter
        )
        if not letter.is_published:
            return edit
        return format_html('{} · <a href="{}">view on site</a>', edit, letter.get_absolute_url())

    def save_model(self, request, update, form, change):
        # One write path: publishing and declining go through advice.updates.
        if update.status == LetterUpdate.Status.PUBLISHED:
            updates.publish_update(update=update)
        elif update.status == LetterUpdate.Status.DECLINED:
            updates.decline_update(update=update)
        else:
            update.save()

    def _apply(self, request, queryset, write, done):
        rows = queryset.select_related("letter")
        changed = apply_to_each(
            self, request, rows, lambda update: write(update=update), not_done="changed"
        )
        if changed:
            self.message_user(request, f"{changed} update{pluralize(changed)} {done}.")

    @admin.action(description="Publish the selected updates under their letters now")
    def publish_now(self, request, queryset):
        self._apply(request, queryset, updates.publish_update, "published")

    @admin.action(description="Decline the selected updates (never shown)")
    def decline(self, request, queryset):
        self._apply(request, queryset, updates.decline_update, "declined")
