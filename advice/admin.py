from django import forms
from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from markdownx.admin import MarkdownxModelAdmin
from markdownx.models import MarkdownxField
from markdownx.widgets import AdminMarkdownxWidget

from advice.models import Letter, Reply, Theme
from postbag.admin import PublishableAdmin


@admin.register(Theme)
class ThemeAdmin(MarkdownxModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


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
        if not has_reply:
            raise forms.ValidationError(
                "A letter cannot be published without a reply. Write the reply first."
            )


class ReplyInline(admin.StackedInline):
    model = Reply
    formset = ReplyFormSet
    fields = ["body", "columnist_name", "sign_off"]
    extra = 1
    max_num = 1
    formfield_overrides = {MarkdownxField: {"widget": AdminMarkdownxWidget}}


@admin.register(Letter)
class LetterAdmin(PublishableAdmin):
    list_display = ["__str__", "status", "received_at", "sign_off", "is_published", "published_at"]
    list_filter = ["status", "themes", "received_at", "published_at"]
    search_fields = ["title", "body", "original_text", "sign_off", "original_sign_off"]
    date_hierarchy = "received_at"
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["themes"]
    inlines = [ReplyInline]
    fieldsets = [
        ("As received", {"fields": ["original_text", "original_sign_off", "received_at"]}),
        (
            "For publication",
            {
                "fields": ["title", "slug", "body", "sign_off", "themes"],
                "description": "The edited copy readers see: trim it for length and remove "
                "anything that could identify the writer.",
            },
        ),
        ("Publication", {"fields": ["status", "published_at"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        # What the reader sent is kept exactly as received.
        if obj is not None:
            return ["original_text", "original_sign_off", "received_at"]
        return []
