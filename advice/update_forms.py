"""The form a letter's writer sends an update with: their receipt code and what happened
next, under the same limits, consent and defences as the ask form (advice.forms)."""

from django import forms
from django.conf import settings

from advice.forms import LETTER_MAX, LETTER_MIN, code_field
from postbag.forms import HumanCheckedForm, ReaderTextField


class UpdateForm(HumanCheckedForm):
    """A receipt code and an update. Nothing else is asked: no name, no e-mail address."""

    writing = "update"
    field_order = ["code", "update", "consent", "website", "shown_at"]

    code = code_field(
        "receipt code",
        label="Your receipt code",
        help_text="The code you were given when you sent your letter, like 7KQ2-M9XD-4RTB-HP3C.",
    )
    update = ReaderTextField(
        label="What happened next?",
        min_length=LETTER_MIN,
        max_length=LETTER_MAX,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=f"Between {LETTER_MIN} and {LETTER_MAX:,} characters.",
        error_messages={
            "required": "Please write your update before sending it.",
            "min_length": "Your update is a little short: please write at least "
            f"{LETTER_MIN} characters, not counting spaces (it has %(show_value)d), so that "
            f"{settings.COLUMNIST_NAME} and the readers can follow what happened.",
            "max_length": f"Your update is longer than {LETTER_MAX:,} characters "
            "(it has %(show_value)d). Please shorten it a little: the heart of it is enough.",
        },
    )
    consent = forms.BooleanField(
        label="I understand that my update may be edited for length and to remove anything "
        "that could identify me, and published anonymously under my letter.",
        error_messages={"required": "Please tick this box so that we may publish your update."},
    )
