from django import forms
from django.conf import settings

from advice.models import Theme
from postbag.forms import HumanCheckedForm

LETTER_MIN, LETTER_MAX = 50, 5000


class AskForm(HumanCheckedForm):
    """The anonymous question form. Nothing here identifies the reader unless they choose."""

    field_order = ["letter", "sign_off", "themes", "email", "consent", "website", "shown_at"]

    letter = forms.CharField(
        label="Your letter",
        min_length=LETTER_MIN,
        max_length=LETTER_MAX,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=f"Between {LETTER_MIN} and {LETTER_MAX:,} characters.",
        error_messages={
            "required": "Please write your letter before sending it.",
            "min_length": "Your letter is a little short: please write at least "
            f"{LETTER_MIN} characters (it has %(show_value)d), so that "
            f"{settings.COLUMNIST_NAME} can understand what is happening.",
            "max_length": f"Your letter is longer than {LETTER_MAX:,} characters "
            "(it has %(show_value)d). Please shorten it a little: the heart of it is enough.",
        },
    )
    sign_off = forms.CharField(
        label="How should we sign your letter?",
        required=False,
        max_length=120,
        help_text="For example “Confused in Leeds”. Leave it empty to sign “Anonymous”.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "placeholder": "Anonymous"}),
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A browser would silently cut a longer letter at maxlength; the server says so
        # instead, and keeps every word.
        self.fields["letter"].widget.attrs.pop("maxlength", None)


class StatusForm(forms.Form):
    code = forms.CharField(
        label="Your receipt code",
        max_length=40,
        help_text="The 16 characters you were given, like 7KQ2-M9XD-4RTB-HP3C. "
        "Capitals, spaces and hyphens don't matter.",
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
        error_messages={"required": "Please enter the receipt code you were given."},
    )
