"""The letter admin's identifying-details check: before a letter is published, the editor
sees what could identify the writer or others in the edited letter (title, text, sign-off)
and in the reply, highlighted, and confirms she has looked (postbag.identifying finds them).

- In the change form, a panel "Check before publishing" with the texts highlighted and the
  details listed by kind, and a checkbox "I have checked the highlighted details": saving
  with the status Published (now or scheduled) while there are details and no tick brings
  the form back with an error, everything typed kept.
- The changelist action "Publish the selected letters now" first shows a confirmation page
  listing each publishable letter's details, unless none has any, and which can't be
  published and why.
- Every other way to the text of a published (or scheduled) letter asks too: editing only
  its reply, and restoring a revision (postbag.revision_admin's restore_question hook).
"""

from dataclasses import dataclass

from django import forms
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from advice.models import Letter, Reply
from postbag.identifying import KINDS, find_identifying_details
from postbag.revisions import text_of_revision
from postbag.text import normalise_newlines

CONFIRMED = "identifying_confirmed"
# Posted by the restore question's form: a post with it and without CONFIRMED was not ticked.
ASKED = "identifying_asked"
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


def restored_texts(letter, revision):
    """check_texts for `letter` as restoring `revision` (a reversion Revision) would leave
    it: the revision's title, letter and sign-off, its reply if it holds one, else the
    reply as saved now (restore_revision leaves a part the revision lacks as it is)."""
    text, present = text_of_revision(revision, Letter)
    reply = Reply.objects.filter(letter=letter.pk).first()
    if "reply" in present:
        reply_body, reply_sign_off = text["reply.body"], text["reply.sign_off"]
    else:
        reply_body, reply_sign_off = (reply.body, reply.sign_off) if reply else ("", "")
    return check_texts(
        title=text["title"],
        body=text["body"],
        sign_off=text["sign_off"],
        reply_body=reply_body,
        reply_sign_off=reply_sign_off,
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

    def reply_changed(self):
        """Whether the posted reply (its inline's text) differs from the saved one: editing
        only the reply of a published letter changes what readers see, so it asks too."""
        stored = Reply.objects.filter(letter=self.instance.pk).first() if self.instance.pk else None
        if stored is None and not self.data.get(REPLY_PREFIX + "body", "").strip():
            return False  # no reply written: the empty inline's defaults are not a change
        return any(
            REPLY_PREFIX + name in self.data
            and normalise_newlines(self.data[REPLY_PREFIX + name]).strip()
            != (getattr(stored, name, "") or "").strip()
            for name in ("body", "sign_off")
        )

    def clean(self):
        cleaned = super().clean()
        publishing = cleaned.get("status") == Letter.Status.PUBLISHED and (
            {"status", "published_at", "title", "body", "sign_off"} & set(self.changed_data)
            or self.reply_changed()
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

    def restore_question(self, request, letter, revision):
        """postbag.revision_admin's hook: restoring a revision of a published (or scheduled)
        letter whose text has details asks first, as saving does; the page's form posts the
        restore again with the tick (CONFIRMED). None: restore at once."""
        if letter.status != Letter.Status.PUBLISHED or request.POST.get(CONFIRMED):
            return None
        texts = restored_texts(letter, revision)
        found = grouped(texts)
        if not found:
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Check before restoring",
            "opts": self.opts,
            "original": letter,
            "revision": revision,
            "identifying_texts": texts,
            "identifying_found": found,
            "confirmed_name": CONFIRMED,
            "not_ticked": ASKED in request.POST,
            "revisions_url": reverse(
                f"{self.admin_site.name}:advice_letter_revisions", args=[letter.pk]
            ),
        }
        return TemplateResponse(request, "admin/advice/letter/restore_confirmation.html", context)

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
    found in any selected letter that can be published), else the confirmation page (a
    TemplateResponse) listing the details of each letter it would publish, and which of the
    selected can't be published and why (no title, no reply); its Confirm posts the action
    again with CONFIRMED, for the publishable letters only."""
    if CONFIRMED in request.POST:
        return None
    letters, cannot, publishable = [], [], []
    for letter in queryset.select_related("reply"):
        if problems := letter.publication_problems():
            cannot.append((letter, " ".join(problems.values())))
            continue
        publishable.append(letter)
        if found := grouped(checked_letter(letter)):
            letters.append((letter, found))
    if not letters:
        return None  # the action publishes the rest and says why the others were not
    context = {
        **model_admin.admin_site.each_context(request),
        "title": "Check before publishing",
        "opts": model_admin.model._meta,
        "letters": letters,
        "cannot": cannot,
        "selected": publishable,
        "confirmed_name": CONFIRMED,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/advice/letter/publish_confirmation.html", context)
