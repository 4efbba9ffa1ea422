from django import forms
from django.conf import settings

from advice.models import Theme
from postbag.forms import HumanCheckedForm, ReaderTextField

LETTER_MIN, LETTER_MAX = 50, 5000
SIGN_OFF_MAX = 120
CODE_MAX = 40


class AskForm(HumanCheckedForm):
    """The anonymous question form. Nothing here identifies the reader unless they choose."""

    field_order = ["letter", "sign_off", "themes", "email", "consent", "website", "shown_at"]

    letter = ReaderTextField(
        label="Your letter",
        min_length=LETTER_MIN,
        max_length=LETTER_MAX,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 14, "data-max-length": LETTER_MAX}),
        help_text=f"Between {LETTER_MIN} and {LETTER_MAX:,} characters.",
        error_messages={
            "required": "Please write your letter before sending it.",
            "min_length": "Your letter is a little short: please write at least "
            f"{LETTER_MIN} characters, not counting spaces (it has %(show_value)d), so that "
            f"{settings.COLUMNIST_NAME} can understand what is happening.",
            "max_length": f"Your letter is longer than {LETTER_MAX:,} characters "
            "(it has %(show_value)d). Please shorten it a little: the heart of it is enough.",
        },
    )
    sign_off = ReaderTextField(
        label="How should we sign your letter?",
        required=False,
        max_length=SIGN_OFF_MAX,
        help_text="For example “Confused in Leeds”. Leave it empty to sign “Anonymous”.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "placeholder": "Anonymous"}),
        error_messages={
            "max_length": f"The sign-off can have at most {SIGN_OFF_MAX} characters "
            "(it has %(show_value)d): please shorten it a little.",
        },
    )
    themes = forms.ModelMultipleChoiceField(
        label="Which of these fit your letter? (optional)",
        queryset=Theme.objects.all(),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    email = forms.EmailField(
        label="E-mail address (optional)",
        required=False,
        max_length=254,
        help_text="Only to tell you when your letter is answered. "
        "We delete it as soon as that message is sent.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent = forms.BooleanField(
        label="I understand that my letter may be edited for length and to remove anything "
        "that could identify me, and published anonymously with a reply.",
        error_messages={"required": "Please tick this box so that we may publish your letter."},
    )


def code_field(what, *, label, help_text):
    """The field a reader types a code into (`what`: "receipt code", "comment code"), with
    our own words for every refusal (never Django's English defaults)."""
    return forms.CharField(
        label=label,
        max_length=CODE_MAX,
        help_text=help_text,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
        error_messages={
            "required": f"Please enter the {what} you were given.",
            "max_length": f"That is longer than a {what}, which has 16 characters like "
            "7KQ2-M9XD-4RTB-HP3C. Please check what you pasted.",
            "null_characters_not_allowed": f"There is an invisible character in the {what}. "
            "Please type the code again.",
        },
    )


class StatusForm(forms.Form):
    code = code_field(
        "receipt code",
        label="Your receipt code",
        help_text="The 16 characters you were given, like 7KQ2-M9XD-4RTB-HP3C. "
        "Capitals, spaces and hyphens don't matter.",
    )
