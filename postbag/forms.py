"""Forms for people, not programs: the defences every public form of the site shares
(the ask form, comments, newsletter sign-ups), so that each states them once."""

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError

from postbag.text import normalise_newlines, visible_length

SHOWN_AT_SALT = "postbag.ask.shown-at"
# A form's signed "shown at" time is good for one sitting: long enough to write a hard
# letter slowly, too short for one page to be used to send letters for ever.
FORM_MAX_AGE_SECONDS = 24 * 3600


class MinimumVisibleLength:
    """A field validator: at least `limit` characters that show (postbag.text.visible_length:
    no spaces, no zero-width or other format characters). Raises ValidationError with code
    "min_length" and the params of Django's MinLengthValidator (`show_value` is the visible
    count), so a field's own "min_length" message is used."""

    def __init__(self, limit):
        self.limit = limit

    def __call__(self, value):
        shown = visible_length(value)
        if shown < self.limit:
            params = {"limit_value": self.limit, "show_value": shown, "value": value}
            raise ValidationError(
                "Please write at least %(limit_value)d characters (it has %(show_value)d).",
                code="min_length",
                params=params,
            )


class ReaderTextField(forms.CharField):
    """A text a reader types on a public form (a letter, a comment, a name, a sign-off).

    Line breaks become one line feed each before any check (postbag.text.normalise_newlines);
    a text with nothing visible in it is empty (so "required" answers, and an optional name
    falls back to the site's default); `min_length` counts only visible characters; and the
    input has no `maxlength`, which would make a browser cut the text without a word: the
    server says what is too long, and keeps everything.
    """

    def __init__(self, *, min_length=None, **kwargs):
        super().__init__(**kwargs)
        if min_length:
            self.validators.append(MinimumVisibleLength(min_length))

    def to_python(self, value):
        value = normalise_newlines(super().to_python(value))
        return value if visible_length(value) else self.empty_value

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return attrs


class NeverFilledIn(forms.TextInput):
    """A text input that is always shown empty, even on a form shown again with what was
    sent: a honeypot filled in by mistake (a browser's autofill) must not stay filled in,
    or every resend would be refused again."""

    def format_value(self, value):
        return None


class HoneypotForm(forms.Form):
    """A form with a field people never see or fill in (`website`), which must stay
    empty: programs that fill in every field do fill it in. Subclasses render it in their
    templates, hidden by the site's CSS; it is shown empty again after a refusal."""

    website = forms.CharField(
        label="Leave this field empty",
        required=False,
        widget=NeverFilledIn(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(
                "This form was filled in by a program. If that is a mistake, clear the "
                "field labelled “Leave this field empty” and send it again."
            )
        return ""


class HumanCheckedForm(HoneypotForm):
    """A form for people, not programs: the honeypot and a signed "shown at" time.

    The form must come back at least ASK_MIN_SECONDS and at most a day after it was shown
    (`shown_at`, signed, so it can't be made up). `writing` names what the person wrote
    ("letter", "comment") in the messages. Subclasses render `shown_at` in their templates.
    """

    writing = "letter"

    shown_at = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Every rendering carries a fresh signed time, so a re-shown form can be sent again.
        self.fields["shown_at"].initial = signing.dumps(time.time(), salt=SHOWN_AT_SALT)

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
                f"That was very quick. Please read your {self.writing} through once more, "
                "then send it again: everything you wrote is still here."
            )
        return shown_at

    @property
    def rendering(self):
        """The signed "shown at" token this form came back with (a str, "" if none): a new
        one for every rendering of the form, so it tells the same page sent twice (a double
        click) from the same words sent again from another page."""
        return str(self.data.get("shown_at", "")) if self.is_bound else ""

    def refresh_shown_at(self):
        """Before showing a sent form again: keep what was typed, restart the clock."""
        self.data = self.data.copy()
        self.data["shown_at"] = self.fields["shown_at"].initial
