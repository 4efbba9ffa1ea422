from django import forms

from advice.models import Theme
from newsletter.addresses import UNREADABLE, clean_address
from postbag.forms import HoneypotForm

EMAIL_MAX = 254  # RFC 5321's limit on a forward path, as Django's EmailField has it


class ThemeChoices(forms.CheckboxSelectMultiple):
    """Checkboxes whose group answers to the field's id (the boxes' wrapper carries it), so
    the error summary's link for a theme error leads to them, not to "#"."""

    def id_for_label(self, id_, index=None):
        return id_ if index is None else super().id_for_label(id_, index)


class SubscribeForm(HoneypotForm):
    """A newsletter sign-up: an address, and the themes to follow (none: everything)."""

    field_order = ["email", "themes", "website"]

    email = forms.EmailField(
        label="Your e-mail address",
        max_length=EMAIL_MAX,
        help_text="We send a link to confirm it; nothing else until you do.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": "Please type the e-mail address the letters should go to.",
            "invalid": UNREADABLE,
            "max_length": f"That address is longer than e-mail addresses can be ({EMAIL_MAX} "
            "characters; it has %(show_value)d). Please check it.",
        },
    )
    themes = forms.ModelMultipleChoiceField(
        label="Only some themes? (optional: leave them all empty for everything)",
        queryset=Theme.objects.all(),
        to_field_name="slug",
        required=False,
        widget=ThemeChoices,
        error_messages={
            "invalid_choice": "One of those themes no longer exists; please choose again."
        },  # fmt: skip
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The server says an address is too long instead of the browser cutting it.
        self.fields["email"].widget.attrs.pop("maxlength", None)

    def clean_email(self):
        """The address as stored (newsletter.addresses): one spelling per mailbox, and
        never one that reaches no one on the internet ("localhost", "[127.0.0.1]")."""
        return clean_address(self.cleaned_data["email"])
