"""The letter admin's identifying-details check: before a letter is published, the editor
sees what could identify the writer or others in the edited letter (title, text, sign-off)
and in the reply, highlighted, and confirms she has looked (postbag.identifying finds them).

- In the change form, a panel "Check before publishing" with the texts highlighted and the
  details listed by kind, and a checkbox "I have checked the highlighted details": saving
  with the status Published (now or scheduled) while there are details and no tick brings
  the form back with an error, everything typed kept.
- The changelist action "Publish the selected letters now" first shows a confirmation page
  listing each letter's details, unless none has any.
"""

from dataclasses import dataclass

from django import forms
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.utils.html import format_html, format_html_join

from advice.models import Letter
from postbag.identifying import KINDS, find_identifying_details

CONFIRMED = "identifying_confirmed"
# The reply inline's form prefix (Reply.letter's related name) and its one form.
REPLY_PREFIX = "reply-0-"


@dataclass
class CheckedText:
    """One text of a letter as checked: its `label` ("Reply"), the `text` and its findings
    (a list of postbag.identifying.Finding)."""

    label: str
    text: str
    findings: list

    def highlighted(self):
        """The text as safe HTML, each finding in a <mark> followed by its kind in words
        ("Karen (name)"), so a screen reader says what it is too."""
        pieces, at = [], 0
        for finding in self.findings:
            pieces.append(format_html("{}", self.text[at : finding.start]))
            pieces.append(
                format_html(
                    '<mark class="identifying-{}">{}<span class="identifying-kind"> ({})</span>'
                    "</mark>",
                    finding.kind,
                    finding.text,
                    finding.kind_label,
                )
            )
            at = finding.end
        pieces.append(format_html("{}", self.text[at:]))
        return format_html_join("", "{}", ((piece,) for piece in pieces))


def check_texts(*, title, body, sign_off, reply_body, reply_sign_off):
    """The letter's texts readers will see, each with its findings: a list of CheckedText
    (empty texts left out)."""
    texts = [
        ("Title", title),
        ("Letter", body),
        ("Sign-off", sign_off),
        ("Reply", reply_body),
        ("Reply's sign-off", reply_sign_off),
    ]
    return [
        CheckedText(label, text, find_identifying_details(text))
        for label, text in texts
        if (text or "").strip()
    ]


def checked_letter(letter):
    """check_texts for a saved `letter` (its reply, if it has one)."""
    reply = getattr(letter, "reply", None) if letter.has_reply else None
    return check_texts(
        title=letter.title,
        body=letter.body,
        sign_off=letter.sign_off,
        reply_body=reply.body if reply else "",
        reply_sign_off=reply.sign_off if reply else "",
    )


def grouped(checked):
    """[(kind in words, [distinct matched texts])] over `checked` (CheckedText list), in
    the order of KINDS; kinds with nothing found left out."""
    found = {}
    for text in checked:
        for finding in text.findings:
            found.setdefault(finding.kind, [])
            if finding.text not in found[finding.kind]:
                found[finding.kind].append(finding.text)
    return [(label, found[kind]) for kind, label in KINDS.items() if kind in found]


class IdentifyingCheckForm(forms.ModelForm):
    """The letter form with the checkbox. The reply is an inline formset, built after this
    form is checked, so its text is read as posted (the inline's prefix): the question is
    about what is about to be published, whichever form it was typed in."""

    identifying_checked = forms.BooleanField(
        required=False, label="I have checked the highlighted details"
    )

    def posted_texts(self):
        """check_texts for what was posted (a bound form) or what is saved (unbound)."""
        if not self.is_bound:
            return checked_letter(self.instance) if self.instance.pk else []
        return check_texts(
            title=self.data.get("title", ""),
            body=self.data.get("body", ""),
            sign_off=self.data.get("sign_off", ""),
            reply_body=self.data.get(REPLY_PREFIX + "body", ""),
            reply_sign_off=self.data.get(REPLY_PREFIX + "sign_off", ""),
        )

    def clean(self):
        cleaned = super().clean()
        publishing = cleaned.get("status") == Letter.Status.PUBLISHED and (
            {"status", "published_at", "title", "body", "sign_off"} & set(self.changed_data)
        )
        if publishing and not cleaned.get("identifying_checked"):
            found = grouped(self.posted_texts())
            if found:
                kinds = ", ".join(label for label, _ in found)
                self.add_error(
                    "identifying_checked",
                    f"This letter and reply still contain details that could identify "
                    f"someone ({kinds}): look at the highlighted ones under “Check before "
                    "publishing”, edit what should go, then tick the box to publish.",
                )
        return cleaned


class IdentifyingCheckMixin:
    """For LetterAdmin (first among its bases): its form with the checkbox, the panel's
    context (`identifying_texts`, `identifying_found`), the panel's styles."""

    class Media:
        css = {"all": ["css/admin-identifying.css"]}

    def get_form(self, request, obj=None, **kwargs):
        # The checkbox and its check on top of whichever letter form the admin has.
        base = kwargs.get("form", self.form)
        kwargs["form"] = type("IdentifyingCheckLetterForm", (IdentifyingCheckForm, base), {})
        return super().get_form(request, obj, **kwargs)

    def render_change_form(self, request, context, *args, **kwargs):
        form = context["adminform"].form
        texts = form.posted_texts()
        context.update(
            identifying_form=form,
            identifying_texts=texts,
            identifying_found=grouped(texts),
        )
        return super().render_change_form(request, context, *args, **kwargs)


def confirm_publishing(model_admin, request, queryset):
    """The publish action's question: None when it may go ahead (confirmed, or nothing
    found in any selected letter), else the confirmation page (a TemplateResponse) listing
    each letter's details, whose Confirm posts the action again with CONFIRMED."""
    if CONFIRMED in request.POST:
        return None
    letters = []
    for letter in queryset.select_related("reply"):
        found = grouped(checked_letter(letter))
        if found:
            letters.append((letter, found))
    if not letters:
        return None
    context = {
        **model_admin.admin_site.each_context(request),
        "title": "Check before publishing",
        "opts": model_admin.model._meta,
        "letters": letters,
        "selected": queryset,
        "confirmed_name": CONFIRMED,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/advice/letter/publish_confirmation.html", context)
