import re

from django import forms

from advice.forms import code_field
from comments.models import COMMENT_MAX, COMMENT_MIN, NAME_MAX
from postbag.forms import HumanCheckedForm, ReaderTextField
from postbag.validators import validate_multiline, validate_single_line

# A comment may point to a helpline or an article; more links than this is how spam looks.
MAX_LINKS = 2
LINK = re.compile(r"https?://|www\.", re.IGNORECASE)
CONSENT = "Your comment is read by an editor before it appears; we store no address."


class CommentForm(HumanCheckedForm):
    """A reader's comment: an optional name and the text, plus the honeypot and the signed
    time of HumanCheckedForm. Nothing else is asked, and nothing else is stored."""

    writing = "comment"
    field_order = ["name", "text", "website", "shown_at"]

    name = ReaderTextField(
        label="Your name (optional)",
        required=False,
        max_length=NAME_MAX,
        validators=[validate_single_line],
        help_text="Any name you like, or none: we show “A reader”.",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={
            "max_length": f"Please keep the name to {NAME_MAX} characters (it has %(show_value)d).",
        },
    )
    text = ReaderTextField(
        label="Your comment",
        min_length=COMMENT_MIN,
        max_length=COMMENT_MAX,
        strip=True,
        validators=[validate_multiline],
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=f"Between {COMMENT_MIN} and {COMMENT_MAX:,} characters, plain text. "
        f"A blank line starts a new paragraph; at most {MAX_LINKS} web addresses.",
        error_messages={
            "required": "Please write your comment before sending it.",
            "min_length": f"Your comment is a little short: please write at least {COMMENT_MIN} "
            "characters, not counting spaces (it has %(show_value)d).",
            "max_length": f"Your comment is longer than {COMMENT_MAX:,} characters "
            "(it has %(show_value)d). Please shorten it a little.",
        },
    )

    def clean_text(self):
        text = self.cleaned_data["text"]
        if len(LINK.findall(text)) > MAX_LINKS:
            raise forms.ValidationError(
                f"Please keep to {MAX_LINKS} web addresses or fewer in a comment: more is how "
                "most unwanted advertising looks. Everything you wrote is still here."
            )
        return text


class CommentCodeForm(forms.Form):
    code = code_field(
        "comment code",
        label="Your comment code",
        help_text="The 16 characters you were shown after sending, like 7KQ2-M9XD-4RTB-HP3C. "
        "Capitals, spaces and hyphens don't matter.",
    )
