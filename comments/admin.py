"""The editors' comments queue: what waits, the piece each is under, bulk moderation, and
replying as the column. Every change of status goes through comments.services."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.template.defaultfilters import pluralize
from django.utils.html import format_html

from comments import services
from comments.models import COMMENT_MAX, Comment
from postbag.admin import EditorStylesMixin
from postbag.text import excerpt
from postbag.validators import validate_multiline

STATUS_WRITERS = {
    Comment.Status.APPROVED: services.approve_comment,
    Comment.Status.REJECTED: services.reject_comment,
    Comment.Status.SPAM: services.mark_comment_spam,
}


class KindFilter(admin.SimpleListFilter):
    title = "under"
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return [("letter", "Letters"), ("article", "Articles")]

    def queryset(self, request, queryset):
        if self.value() in {"letter", "article"}:
            return queryset.filter(**{f"{self.value()}__isnull": False})
        return queryset


class CommentAdminForm(forms.ModelForm):
    reply = forms.CharField(
        label="Reply as the column",
        required=False,
        max_length=COMMENT_MAX,
        validators=[validate_multiline],
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Shown under the same piece straight away, marked as the columnist's, "
        "right after this comment, which must be approved (it can be in the same save). "
        "Plain text, as readers write.",
    )

    class Meta:
        model = Comment
        fields = ["name", "text", "status"]

    def clean(self):
        # Everything the reply would be refused for is said here, next to the field, and
        # the editor's reply and status change stay in the form.
        cleaned = super().clean()
        reply = cleaned.get("reply", "").strip()
        if not reply:
            return cleaned
        if cleaned.get("status") != Comment.Status.APPROVED:
            self.add_error("reply", services.NOT_SHOWN)
            return cleaned
        try:
            services.column_reply(piece=self.instance.piece, text=reply)
        except ValidationError as error:
            self.add_error("reply", error.messages)
        return cleaned


@admin.register(Comment)
class CommentAdmin(EditorStylesMixin, admin.ModelAdmin):
    form = CommentAdminForm
    change_list_template = "admin/comments/comment/change_list.html"
    list_display = ["excerpt", "shown_name", "under", "status", "created_at", "is_columnist_reply"]
    list_filter = ["status", KindFilter, "is_columnist_reply", "created_at"]
    search_fields = ["text", "name"]
    date_hierarchy = "created_at"
    list_select_related = ["letter", "article"]
    list_per_page = 50
    actions = ["approve", "reject", "mark_spam"]
    readonly_fields = ["under", "created_at", "is_columnist_reply", "in_reply_to"]
    fieldsets = [
        (None, {"fields": ["under", "created_at", "name", "text", "status"]}),
        ("The column", {"fields": ["is_columnist_reply", "in_reply_to", "reply"]}),
    ]

    def has_add_permission(self, request):
        # Readers add comments through the site; the column replies from a comment's page.
        return False

    @admin.display(description="comment")
    def excerpt(self, comment):
        return excerpt(comment.text)

    @admin.display(description="name", ordering="name")
    def shown_name(self, comment):
        return comment.shown_name

    @admin.display(description="under")
    def under(self, comment):
        piece = comment.piece
        kind = comment.kind.capitalize()
        if not piece.slug:
            return f"{kind}: {piece}"
        return format_html('{}: <a href="{}">{}</a>', kind, piece.get_absolute_url(), piece)

    def changelist_view(self, request, extra_context=None):
        counts = dict(Comment.objects.order_by().values_list("status").annotate(total=Count("pk")))
        status_counts = [
            (value, label, counts.get(value, 0)) for value, label in Comment.Status.choices
        ]
        return super().changelist_view(
            request, {**(extra_context or {}), "status_counts": status_counts}
        )

    def save_model(self, request, obj, form, change):
        # A change of status goes through its write function, after the other fields.
        write = STATUS_WRITERS.get(obj.status) if "status" in form.changed_data else None
        if write is not None:
            obj.status = form.initial.get("status", Comment.Status.HELD)
        super().save_model(request, obj, form, change)
        if write is not None:
            write(comment=obj)
        reply = form.cleaned_data.get("reply", "").strip()
        if not reply:
            return
        try:
            services.reply_as_column(piece=obj.piece, text=reply, in_reply_to=obj)
        except ValidationError as error:  # changed meanwhile: the form checked it
            message = f"Your reply was not saved: {' '.join(error.messages)} It was: {reply}"
            self.message_user(request, message, messages.WARNING)
        else:
            self.message_user(request, "Your reply is under the piece now, after this comment.")

    def _apply(self, request, queryset, write, done):
        changed = 0
        for comment in queryset:
            try:
                write(comment=comment)
                changed += 1
            except ValidationError as error:
                self.message_user(
                    request,
                    f"“{comment}” was not changed: {' '.join(error.messages)}",
                    messages.WARNING,
                )
        if changed:
            self.message_user(request, f"{changed} comment{pluralize(changed)} {done}.")

    @admin.action(description="Approve the selected comments (shown at once)")
    def approve(self, request, queryset):
        self._apply(request, queryset, services.approve_comment, "approved")

    @admin.action(description="Reject the selected comments")
    def reject(self, request, queryset):
        self._apply(request, queryset, services.reject_comment, "rejected")

    @admin.action(description="Mark the selected comments as spam")
    def mark_spam(self, request, queryset):
        self._apply(request, queryset, services.mark_comment_spam, "marked as spam")
