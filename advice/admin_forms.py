"""The letter form's editing aids: themes picked from one list with the letter's suggested
themes first (postbag.admin_widgets.SectionedCheckboxes), the edited letter previewed as the
public page sets a reader's words, and the column's length under the reply."""

from django.conf import settings

from advice.models import Letter, Reply
from advice.suggestions import suggestions_for
from postbag.admin_widgets import CountedMarkdownxWidget, SectionedThemesAdmin, suggest
from postbag.recordings import RecordingForm
from postbag.words import OVER_NOTE, UNDER_NOTE, count_words, length_guidance


class LetterForm(RecordingForm):
    """The letter's admin form: the recording checked as every content form checks it
    (RecordingForm), and the suggested themes (Letter.suggested_themes) not yet chosen
    offered first in the themes picker."""

    class Meta:
        model = Letter
        fields = ["body", "themes"]
        widgets = {"body": CountedMarkdownxWidget(preview_class="preview-letter")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "themes" in self.fields and self.instance.pk is not None:
            # Worked out here if the work owed after the letter arrived never ran.
            suggest(self.fields["themes"], [t.pk for t in suggestions_for(self.instance)])


def column_length(adminform, inline_admin_formsets):
    """The line under the reply, from the letter and reply as the form holds them (what
    was typed, when a save was refused): a dict for the template with `sentence`, `state`
    ("under", "within", "over"), the ids of the two textareas (`of`), the target and the
    notes (editor-layout.js keeps the line up to date as she types). None without both."""
    letter = adminform.form
    replies = [
        inline.formset.forms
        for inline in inline_admin_formsets
        if inline.formset.model is Reply and inline.formset.forms
    ]
    if "body" not in letter.fields or not replies:
        return None
    reply = replies[0][0]
    low, high = settings.COLUMN_TARGET_WORDS
    count = count_words(letter["body"].value()) + count_words(reply["body"].value())
    sentence, state = length_guidance(count, (low, high))
    return {
        "sentence": sentence,
        "state": state,
        "of": f"{letter['body'].auto_id} {reply['body'].auto_id}",
        "low": low,
        "high": high,
        "under": UNDER_NOTE,
        "over": OVER_NOTE,
    }


class LetterEditorAdmin(SectionedThemesAdmin):
    """LetterAdmin's editing aids (a mixin, before PublishableAdmin): LetterForm, the themes
    as sectioned checkboxes, and `column_length` for its change_form.html."""

    form = LetterForm

    def render_change_form(self, request, context, *args, **kwargs):
        context["column_length"] = column_length(
            context["adminform"], context.get("inline_admin_formsets", [])
        )
        return super().render_change_form(request, context, *args, **kwargs)
