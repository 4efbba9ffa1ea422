from django import forms

from advice.models import Theme
from postbag.forms import HoneypotForm

EMAIL_MAX = 254  # RFC 5321's limit on a forward path, as Django's EmailField has it


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
            "invalid": "That doesn’t look like an e-mail address. Please check it: it should "
            "look like name@example.org.",
            "max_length": f"That address is longer than e-mail addresses can be ({EMAIL_MAX} "
            "characters; it has %(show_value)d). Please check it.",
        },
    )
    themes = forms.ModelMultipleChoiceField(
        label="Only some themes? (optional: leave them all empty for everything)",
        queryset=Theme.objects.all(),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "One of those themes no longer exists; please choose again."
        },  # fmt: skip
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The server says an address is too long instead of the browser cutting it.
        self.fields["email"].widget.attrs.pop("maxlength", None)
