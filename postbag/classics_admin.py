"""The admin action "Re-run as a classic now", for letters and articles alike.

It calls the one write path, postbag.after_publication.rerun_as_classic, for each selected
piece; a piece that isn't published is left as it was, with a warning naming it. Scheduling
a re-run for later is the `rerun_at` field on the piece's page.
"""

from django.contrib import admin, messages
from django.template.defaultfilters import pluralize

from postbag.admin_actions import apply_to_each
from postbag.after_publication import rerun_as_classic


@admin.action(description="Re-run as a classic now")
def rerun_now(modeladmin, request, queryset):
    def rerun(piece):
        rerun_as_classic(piece=piece)

    done = apply_to_each(modeladmin, request, queryset, rerun, not_done="re-run")
    if done:
        modeladmin.message_user(
            request,
            f"{done} piece{pluralize(done)} re-run as a classic: at the top of the lists and "
            "feeds now, at the same address.",
            messages.SUCCESS,
        )
