"""Changelist actions that answer a selection they can't read with a message, not a 500.

A changelist's action form posts the ticked rows' keys as `_selected_action`; Django's
ModelAdmin.response_action filters with them as they come (`pk__in=[...]`), so a key that
isn't one ("abc", a number too large for the column) raises ValueError or a database
error: a 500. Every ModelAdmin registered on the site gets `CheckedSelectionMixin` (see
`PostbagAdminSite.register`), Django's own and the project's alike.
"""

from django.contrib import messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError

from postbag.revision_admin import quoted

UNREADABLE_SELECTION = (
    "The selection could not be read: tick the items to act on in the list and try again."
)


class CheckedSelectionMixin:
    """For a ModelAdmin: refuse an action whose `_selected_action` keys are not keys of the
    model (its primary key field's own cleaning: type and range), with a warning on the
    changelist, as Django answers an action with nothing selected."""

    def response_action(self, request, queryset):
        # With "select across" Django acts on the whole list and ignores the keys.
        if request.POST.get("select_across") != "1":
            key = self.model._meta.pk
            try:
                for value in request.POST.getlist(helpers.ACTION_CHECKBOX_NAME):
                    key.clean(value, None)
            except ValidationError:
                self.message_user(request, UNREADABLE_SELECTION, messages.WARNING)
                return None  # Django then redirects to the changelist
        return super().response_action(request, queryset)


def with_checked_selection(admin_class):
    """`admin_class` (a ModelAdmin subclass) with CheckedSelectionMixin in front, under the
    same name and module (so system checks and error pages name the class written)."""
    if issubclass(admin_class, CheckedSelectionMixin):
        return admin_class
    return type(
        admin_class.__name__,
        (CheckedSelectionMixin, admin_class),
        {"__module__": admin_class.__module__, "__qualname__": admin_class.__qualname__},
    )


def apply_to_each(modeladmin, request, rows, write, *, not_done):
    """Call `write(row)` for each of `rows` (an action's queryset); a row it refuses with a
    ValidationError is named in a warning ("“Title” was not <not_done>: why") and the others
    go on. Returns how many were written, for the action's own message."""
    done = 0
    for row in rows:
        try:
            write(row)
        except ValidationError as error:
            problem = " ".join(error.messages)
            modeladmin.message_user(
                request, f"{quoted(row)} was not {not_done}: {problem}", messages.WARNING
            )
        else:
            done += 1
    return done
