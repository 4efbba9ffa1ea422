"""The editors' side of revisions: a "Revisions" page per letter or article, with a
word-level comparison of any two and a "Restore this revision" button, and the endpoint the
change form's script (static/js/autosave.js) posts drafts to.

Everything is for users who may change the object; the model-side rules live in
postbag.revisions, the diff in postbag.revision_diff.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from postbag.revision_diff import change_summary, field_diffs
from postbag.revisions import (
    AUTOSAVED,
    BEFORE_FIRST_EDIT,
    keep_draft,
    keep_revision,
    registration,
    restore_revision,
    revisions_of,
    stored_parts,
    text_of_revision,
)
from postbag.text import normalise_newlines


def quoted(document):
    """The piece's name in quotes (“Ghosted after three dates”), unless it has its own (an
    untitled letter is Letter from “Uptight in Sheffield”): quotes are never nested."""
    name = str(document)
    return name if "“" in name else f"“{name}”"


def when_words(moment):
    """A revision's time as the editors read it: "29 Nov, 10:02" (postbag.admin.day_words)."""
    from postbag.admin import day_words  # postbag.admin imports this module

    return day_words(moment, time=True)


class RevisionsAdminMixin:
    """For a ModelAdmin of a model registered with postbag.revisions.register_text: keeps a
    revision on every save of the change form, links to the Revisions page beside History,
    and gives the form's script what it needs to autosave drafts."""

    change_form_template = "admin/revisions/change_form.html"

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view
        # Before Django's own: its "<object_id>/" catch-all would take these addresses.
        return [
            path(
                "<path:object_id>/revisions/",
                view(self.revisions_view),
                name="{}_{}_revisions".format(*info),
            ),
            path(
                "<path:object_id>/revisions/<int:revision_id>/restore/",
                view(self.restore_revision_view),
                name="{}_{}_restore_revision".format(*info),
            ),
            # Not admin_view: a script asks, so a refusal is a 403, not a login page.
            path(
                "<path:object_id>/autosave/",
                csrf_protect(never_cache(self.autosave_view)),
                name="{}_{}_autosave".format(*info),
            ),
            *super().get_urls(),
        ]

    def _url(self, name, *args):
        return reverse(
            f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_{name}",
            args=args,
        )

    # --- The change form ----------------------------------------------------------------

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        reg = registration(self.model)
        if reg is not None:
            may_change = obj is not None and self.has_change_permission(request, obj)
            names = list(reg.fields) + [
                f"{part.accessor}-0-{name}" for part in reg.parts for name in part.fields
            ]
            context.update(
                revisions_url=self._url("revisions", obj.pk) if may_change else "",
                autosave_url=self._url("autosave", obj.pk) if may_change else "",
                autosave_seconds=settings.AUTOSAVE_SECONDS,
                autosave_fields=" ".join(names),
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        if change:
            self._keep_the_first_version(obj)
        super().save_model(request, obj, form, change)

    def _keep_the_first_version(self, document):
        # The first edit or draft of something that was never revised (a letter as it
        # arrived, an imported article) keeps what it was first, so it can be undone.
        if registration(self.model) and not revisions_of(document).exists():
            stored = self.model._base_manager.get(pk=document.pk)
            keep_revision(stored, comment=BEFORE_FIRST_EDIT)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The text is all saved now (the inlines too); a status write after this one finds
        # the same text and keeps nothing more.
        if registration(self.model):
            keep_revision(form.instance, user=request.user)

    def restore_question(self, request, document, revision):
        """A page to answer before `revision` is restored (a TemplateResponse whose form
        posts the restore again), or None to restore at once. Asks nothing here; a mixin
        for a model with its own checks (advice's identifying details) overrides it."""
        return None

    # --- The Revisions page ---------------------------------------------------------------

    def _document(self, request, object_id):
        document = self.get_object(request, unquote(object_id))
        if document is None or registration(self.model) is None:
            raise Http404(f"No {self.opts.verbose_name} with this ID.")
        if not self.has_change_permission(request, document):
            raise PermissionDenied
        return document

    def revisions_view(self, request, object_id):
        """The list of revisions, newest first, each with a one-line summary of what it
        changed, and the comparison of two (`?older=ID&newer=ID`; the latest two at first)."""
        document = self._document(request, object_id)
        reg = registration(self.model)
        labels, long_keys = reg.labels(), reg.long_keys()
        revisions = list(revisions_of(document))
        texts = [text_of_revision(revision, self.model)[0] for revision in revisions]
        rows = [
            {
                "revision": revision,
                "when": when_words(revision.date_created),
                "kind": _kind(revision),
                "summary": change_summary(
                    texts[i + 1] if i + 1 < len(texts) else None,
                    texts[i],
                    labels,
                    long_keys=long_keys,
                ),
                "restore_url": self._url("restore_revision", document.pk, revision.pk),
            }
            for i, revision in enumerate(revisions)
        ]
        older, newer, problem = _chosen_pair(request.GET, [r.pk for r in revisions])
        comparison = None
        if older is not None:
            comparison = {
                "older": rows[older],
                "newer": rows[newer],
                "fields": field_diffs(texts[older], texts[newer], labels, long_keys=long_keys),
            }
        context = {
            **self.admin_site.each_context(request),
            "title": f"Revisions of {quoted(document)}",
            "subtitle": None,
            "opts": self.opts,
            "original": document,
            "has_view_permission": True,
            "change_url": self._url("change", document.pk),
            "rows": rows,
            "comparison": comparison,
            "problem": problem,
        }
        return TemplateResponse(request, "admin/revisions/revision_list.html", context)

    def restore_revision_view(self, request, object_id, revision_id):
        """POST: put a revision's text back and save (postbag.revisions.restore_revision),
        then back to the change form, which shows it."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        document = self._document(request, object_id)
        revision = revisions_of(document).filter(pk=revision_id).first()
        if revision is None:
            raise Http404("This revision is not one of this piece's.")
        if (question := self.restore_question(request, document, revision)) is not None:
            return question  # e.g. the letter admin's identifying details, to confirm
        when = when_words(revision.date_created)
        try:
            restored = restore_revision(
                document, revision, user=request.user, comment=f"Restored the revision of {when}"
            )
        except ValidationError as error:
            messages.error(
                request,
                f"The revision of {when} was not restored: {' '.join(error.messages)} "
                "Nothing was changed.",
            )
            return redirect(self._url("revisions", document.pk))
        if restored is None:
            messages.info(request, f"The text already is as in the revision of {when}.")
        else:
            self.log_change(request, document, f"Restored the revision of {when}.")
            messages.success(request, f"Restored the revision of {when}.")
        return redirect(self._url("change", document.pk))

    # --- Autosave -------------------------------------------------------------------------

    def autosave_view(self, request, object_id):
        """POST the change form's text fields (as the form names them: "body",
        "reply-0-body"): keep them as a draft revision without saving the piece.

        Answers JSON: {"saved": true, "time": "10:02:31"}, or {"saved": false} when the
        text is that of the latest revision. Refusals are JSON {"error": …} with 403 (not
        an editor who may change it, or no CSRF token), 404 (no such piece), 405 (not a
        POST) or 400 (a field longer than it may be); a body too large is Django's 400.
        """
        if request.method != "POST":
            return JsonResponse({"error": "Send drafts with POST."}, status=405)
        if not self.admin_site.has_permission(request):
            return JsonResponse({"error": "Log in as an editor to keep drafts."}, status=403)
        document = self.get_object(request, unquote(object_id))
        if document is None or registration(self.model) is None:
            return JsonResponse({"error": "There is no such piece."}, status=404)
        if not self.has_change_permission(request, document):
            return JsonResponse({"error": "You may not change this piece."}, status=403)
        parts, problem = _typed_copy(document, registration(self.model), request.POST)
        if problem:
            return JsonResponse({"error": problem}, status=400)
        self._keep_the_first_version(document)
        revision = keep_draft(document, parts, user=request.user)
        if revision is None:
            return JsonResponse({"saved": False})
        time = timezone.localtime(revision.date_created).strftime("%H:%M:%S")
        return JsonResponse({"saved": True, "time": time})


def _typed_copy(document, reg, data):
    """Set the text fields `data` holds on `document` (not saved) and on copies of its
    parts; returns ({accessor: part or None}, a problem in words or None). A part that
    doesn't exist yet is made (unsaved) when any of its long fields has text."""
    parts = stored_parts(document)
    typed = [(document, name, name) for name in reg.fields]
    for part in reg.parts:
        prefix = f"{part.accessor}-0-"
        existing = parts[part.accessor]
        long = [n for n in part.fields if f"{part.accessor}.{n}" in reg.long_keys()]
        if existing is None and not any(data.get(prefix + n, "").strip() for n in long):
            continue
        parts[part.accessor] = existing or part.model(**{part.link: document})
        typed += [(parts[part.accessor], prefix + name, name) for name in part.fields]
    for owner, key, name in typed:
        if key not in data:
            continue
        value = normalise_newlines(data[key])
        field = owner._meta.get_field(name)
        if "\x00" in value:  # as a form's CharField refuses it (PostgreSQL can't store it)
            return parts, f"The {field.verbose_name} contains a null character (U+0000)."
        if field.max_length and len(value) > field.max_length:
            return parts, f"The {field.verbose_name} is longer than {field.max_length} characters."
        setattr(owner, name, value)
    return parts, None


def _kind(revision):
    """ "Autosaved", "Restored", or "Saved" for a revision, from its comment."""
    if revision.comment == AUTOSAVED:
        return "Autosaved"
    if revision.comment.startswith("Restored"):
        return "Restored"
    return "Saved"


def _chosen_pair(query, ids):
    """Indexes (older, newer) into `ids` (newest first) of the two revisions the query
    chooses, the latest two when it chooses none; and a problem in words, or None."""
    if len(ids) < 2:
        return None, None, None
    chosen = query.get("older"), query.get("newer")
    if chosen == (None, None):
        return 1, 0, None
    try:
        first, second = sorted(ids.index(int(value)) for value in chosen)
    except (TypeError, ValueError):
        return 1, 0, "Choose two revisions from the list to compare them."
    if first == second:
        return 1, 0, "Choose two different revisions to compare."
    return second, first, None
