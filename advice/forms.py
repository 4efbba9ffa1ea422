import time

from django import forms
from django.conf import settings
from django.core import signing

from advice.models import Theme

LETTER_MIN, LETTER_MAX = 50, 5000
SHOWN_AT_SALT = "postbag.ask.shown-at"
# A form's signed "shown at" time is good for one sitting: long enough to write a hard
# letter slowly, too short for one page to be used to send letters for ever.
FORM_MAX_AGE_SECONDS = 24 * 3600


class AskForm(forms.Form):
    """The anonymous question form. Nothing here identifies the reader unless they choose."""

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
    # A field people never see or fill in; programs that fill in every field do.
    website = forms.CharField(
        label="Leave this field empty",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    shown_at = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A browser would silently cut a longer letter at maxlength; the server says so
        # instead, and keeps every word.
        self.fields["letter"].widget.attrs.pop("maxlength", None)
        # Every rendering carries a fresh signed time, so a re-shown form can be sent again.
        self.fields["shown_at"].initial = signing.dumps(time.time(), salt=SHOWN_AT_SALT)

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(
                "This form was filled in by a program. If that is a mistake, clear the "
                "field labelled “Leave this field empty” and send it again."
            )
        return ""

    def clean_shown_at(self):
        try:
            shown_at = float(signing.loads(self.cleaned_data["shown_at"], salt=SHOWN_AT_SALT))
        except (signing.BadSignature, TypeError, ValueError):
            shown_at = None
        age = time.time() - shown_at if shown_at is not None else None
        if age is not None and age > FORM_MAX_AGE_SECONDS:
            raise forms.ValidationError(
                "This form was opened a long time ago (more than a day), so it can't be sent "
                "as it is. Everything you wrote is still here: please send it again."
            )
        if age is None or age < settings.ASK_MIN_SECONDS:
            raise forms.ValidationError(
                "That was very quick. Please read your letter through once more, then send it "
                "again: everything you wrote is still here."
            )
        return shown_at

    def refresh_shown_at(self):
        """Before showing a sent form again: keep what was typed, restart the clock."""
        self.data = self.data.copy()
        self.data["shown_at"] = self.fields["shown_at"].initial


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
