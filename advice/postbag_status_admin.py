"""The postbag's switch in the admin: one page, one tick box to close or reopen the form."""

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse
from markdownx.admin import MarkdownxModelAdmin

from advice.postbag_status import PostbagStatus, switch_postbag
from postbag.admin import EditorStylesMixin


@admin.register(PostbagStatus)
class PostbagStatusAdmin(EditorStylesMixin, MarkdownxModelAdmin):
    """The one row: its list goes straight to its page (or to "add" until first saved)."""

    fields = ["is_closed", "notice", "reopens_on", "closed_at"]
    readonly_fields = ["closed_at"]

    def render_change_form(self, request, context, *args, **kwargs):
        # One row: "Save and add another" and "Save and continue" would only confuse.
        context.update(show_save_and_add_another=False, show_save_and_continue=False)
        return super().render_change_form(request, context, *args, **kwargs)

    # "Add" stays allowed without asking the database on every admin page: saving goes
    # through switch_postbag, which changes the one row if it exists already.
    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        name = "change" if PostbagStatus.objects.exists() else "add"
        args = [1] if name == "change" else []
        return redirect(reverse(f"admin:advice_postbagstatus_{name}", args=args))

    def save_model(self, request, obj, form, change):
        """Through switch_postbag, which keeps "closed since" while it stays closed."""
        saved = switch_postbag(closed=obj.is_closed, notice=obj.notice, reopens_on=obj.reopens_on)
        obj.pk, obj.closed_at = saved.pk, saved.closed_at

    def response_post_save_change(self, request, obj):
        return redirect(reverse("admin:index"))

    response_post_save_add = response_post_save_change
