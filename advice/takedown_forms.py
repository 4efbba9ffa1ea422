"""The form a letter's writer asks for a takedown with (advice.takedown_views)."""

from django import forms

from advice.forms import code_field
from advice.takedown_requests import REASON_MAX
from postbag.forms import ReaderTextField


class TakedownRequestForm(forms.Form):
    """A receipt code and, if the writer wishes, why. Nothing else is asked."""

    code = code_field(
        "receipt code",
        label="Your receipt code",
        help_text="The code you were given when you sent your letter, like 7KQ2-M9XD-4RTB-HP3C.",
    )
    reason = ReaderTextField(
        label="Why would you like it taken down? (optional)",
        required=False,
        max_length=REASON_MAX,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=f"Only the editors read this, up to {REASON_MAX:,} characters. You don't have "
        "to say anything.",
        error_messages={
            "max_length": f"Please keep this under {REASON_MAX:,} characters "
            "(it has %(show_value)d): a line or two is plenty.",
        },
    )
