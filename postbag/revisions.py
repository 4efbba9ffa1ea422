"""Revisions of what the editors wrote: kept on every save, restorable, forgotten on delete.

Built on django-reversion's tables (a `Revision` row: who, when, a comment; one `Version`
per object in it, holding that object's fields as JSON). A model registered here with
`register_text` is a *document*: some of its own text fields, plus those of its *parts*,
the objects that hang off it by a one-to-one relation (a letter's reply). Every revision
holds the document's own version and one version per part that existed or was typed then,
so any revision can be shown, compared and restored by itself.

Only the named text fields are ever stored: never a status, a date, or what a reader sent
"as received" (it never changes). A restore therefore can't unpublish or reschedule anything.

Rules:
- A revision is kept only when the text differs from the latest one (`keep_revision`): the
  admin form and the status write functions both ask for one, and identical saves don't pile.
- An autosave (`keep_draft`) stores the text typed in an open form *without* saving the
  document: its versions are made from unsaved copies (a reply not yet saved gets a version
  with an empty object id). Between two saves only the latest draft is kept, as WordPress
  keeps one autosave, so a long evening's typing doesn't bury the saved revisions.
- Deleting a document deletes all its revisions (and its parts' versions in them) in the
  same transaction; a document registered as `private` also loses its name and change
  messages from the admin's log (Django's LogEntry), and so does every object deleted with
  it (its reply, updates, requests, corrections: whatever Django's deletion collector finds),
  however it is deleted, so a withdrawn letter's words are found nowhere.
"""

from dataclasses import dataclass

import reversion
from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import NestedObjects
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import models, router, transaction
from django.db.models.signals import post_delete, pre_delete
from django.utils import timezone
from reversion.models import Revision, Version

from postbag.text import normalise_newlines

AUTOSAVED = "Autosaved"
SAVED = "Saved"
BEFORE_FIRST_EDIT = "As it was before the first edit here"
# What a private document's admin log entries are called once it is deleted.
DELETED_NAME = "(deleted)"


@dataclass(frozen=True)
class Part:
    """A part of a document: `model`, reached from the document by `accessor` ("reply"),
    pointing back to it with the one-to-one field `link` ("letter"); its text `fields`."""

    accessor: str
    model: type
    link: str
    fields: tuple


@dataclass(frozen=True)
class Registration:
    """A document model, its own text `fields`, its `parts` and whether it is `private`."""

    model: type
    fields: tuple
    parts: tuple
    private: bool

    def keys(self):
        """Every text field of the document as (key, model, field name): the document's own
        fields keyed by name ("title"), a part's by accessor and name ("reply.body")."""
        own = [(name, self.model, name) for name in self.fields]
        return own + [(f"{p.accessor}.{n}", p.model, n) for p in self.parts for n in p.fields]

    def labels(self):
        """{key: the field's name in words}: "title", "reply", "reply sign off"."""
        labels = {}
        for key, model, name in self.keys():
            label = str(model._meta.get_field(name).verbose_name)
            part = key.partition(".")[0] if "." in key else None
            labels[key] = label if part is None or part in label else f"{part} {label}"
        return labels

    def long_keys(self):
        """The keys of multi-line text fields (a letter, a reply, an article's body): their
        changes are counted in words."""
        return {
            key
            for key, model, name in self.keys()
            if isinstance(model._meta.get_field(name), models.TextField)
        }


_registry = {}


def register_text(model, *, fields, parts=None, private=False):
    """Keep revisions of `model`'s text `fields` (names) and of its `parts` ({accessor of a
    reverse one-to-one: [field names]}). Call once, from the app's `ready()`.

    `private`: deleting one also renames its entries in the admin's log, and those of every
    object deleted with it, to "(deleted)" and empties their change messages.
    Raises reversion's RegistrationError when the model is registered twice.
    """
    reversion.register(model, fields=list(fields))
    registered_parts = []
    for accessor, part_fields in (parts or {}).items():
        relation = model._meta.get_field(accessor)
        reversion.register(relation.related_model, fields=list(part_fields))
        registered_parts.append(
            Part(accessor, relation.related_model, relation.field.name, tuple(part_fields))
        )
    _registry[model] = Registration(model, tuple(fields), tuple(registered_parts), private)
    post_delete.connect(_forget_deleted, sender=model, dispatch_uid=f"revisions:{model._meta}")
    if private:
        # Before the delete: its dependants are still there for the collector to find.
        pre_delete.connect(_forget_log, sender=model, dispatch_uid=f"revisions-log:{model._meta}")


def registration(model):
    """The Registration of a document model; None when it keeps no revisions."""
    return _registry.get(model)


def stored_parts(document):
    """{accessor: the part as stored, or None}, read from the database (never a stale cache)."""
    return {
        part.accessor: part.model._base_manager.filter(**{part.link: document.pk}).first()
        for part in registration(type(document)).parts
    }


def text_of(document, parts):
    """{key: text} of `document` and its `parts` ({accessor: object or None}) as they are in
    memory; a missing part's fields are ""."""
    text = {}
    for key, _model, name in registration(type(document)).keys():
        accessor, _, part_field = key.rpartition(".")
        owner = parts.get(accessor) if accessor else document
        text[key] = "" if owner is None else _plain(getattr(owner, part_field or name))
    return text


def _plain(value):
    # As a saved form leaves it: a textarea's CRLF breaks (a fetch sends LF) and the blank
    # ends a form strips must not count as a change.
    return normalise_newlines(str(value or "")).strip()


def revisions_of(document):
    """The Revision rows of `document`, newest first, with their versions and users loaded
    (three queries whatever their number)."""
    return (
        Revision.objects.filter(
            version__content_type=ContentType.objects.get_for_model(type(document)),
            version__object_id=str(document.pk),
        )
        .select_related("user")
        .prefetch_related("version_set")
        .order_by("-date_created", "-pk")
    )


def text_of_revision(revision, model):
    """{key: text} of a revision of a `model` document, and the set of part accessors it
    holds (a part it lacks, e.g. a reply not written then, has "" for its fields)."""
    reg = registration(model)
    by_type = {}
    for version in revision.version_set.all():
        by_type.setdefault(version.content_type_id, version.field_dict)
    text, present = {}, set()
    for key, key_model, name in reg.keys():
        fields = by_type.get(ContentType.objects.get_for_model(key_model).pk)
        text[key] = "" if fields is None else _plain(fields.get(name))
        if fields is not None and "." in key:
            present.add(key.partition(".")[0])
    return text, present


def keep_revision(document, *, user=None, comment=SAVED):
    """Keep a revision of `document`'s text as stored (its parts read from the database),
    unless it is the same as the latest saved revision (autosaved drafts don't count: a save
    after a draft of the same text is still recorded as saved).

    `user`: who saved (None for a script or an anonymous request). Returns the new Revision,
    or None when nothing differed.
    """
    return _keep(document, stored_parts(document), user=user, comment=comment, draft=False)


def keep_draft(document, parts, *, user):
    """Keep an autosaved draft of text typed into `document` and its `parts` (unsaved
    copies: {accessor: object or None}) without saving either. Unless it is the text of the
    latest revision of any kind, it replaces the latest revision when that is a draft too.
    Returns the new Revision, or None when nothing differed."""
    return _keep(document, parts, user=user, comment=AUTOSAVED, draft=True)


@transaction.atomic
def _keep(document, parts, *, user, comment, draft):
    model = type(document)
    text = text_of(document, parts)
    earlier = revisions_of(document)
    if not draft:
        earlier = earlier.exclude(comment=AUTOSAVED)
    latest = earlier.first()
    if latest is not None and text_of_revision(latest, model)[0] == text:
        return None
    if draft and latest is not None and latest.comment == AUTOSAVED:
        latest.delete()
    revision = Revision.objects.create(
        date_created=timezone.now(),
        user=user if user is not None and user.is_authenticated else None,
        comment=comment,
    )
    Version.objects.bulk_create(
        [_version(revision, document, registration(model).fields)]
        + [
            _version(revision, parts[part.accessor], part.fields)
            for part in registration(model).parts
            if parts.get(part.accessor) is not None
        ]
    )
    return revision


def _version(revision, obj, fields):
    # As reversion serializes (JSON, the registered fields only). An unsaved part (a reply
    # typed but never saved) has no id yet: its version's object id is "".
    model = type(obj)
    return Version(
        revision=revision,
        content_type=ContentType.objects.get_for_model(model),
        object_id="" if obj.pk is None else str(obj.pk),
        db=router.db_for_write(model),
        format="json",
        serialized_data=serializers.serialize("json", [obj], fields=list(fields)),
        object_repr=str(obj)[:200],
    )


@transaction.atomic
def restore_revision(document, revision, *, user, comment):
    """Put `revision`'s text back into `document` and the parts it holds, save them, and
    keep a new revision with `comment` ("Restored the revision of 29 Nov, 10:02").

    Only the registered text fields change; status, dates and everything else stay as
    stored now. A part the revision lacks is left as it is. Returns the new Revision, or
    None when the stored text already was the revision's. Raises ValidationError (having
    changed nothing) when the text is not valid now, e.g. an empty title on a published
    letter.
    """
    model = type(document)
    reg = registration(model)
    stored = model._base_manager.select_for_update().get(pk=document.pk)
    parts = stored_parts(stored)
    text, present = text_of_revision(revision, model)
    if {k: v for k, v in text_of(stored, parts).items() if _in(k, present)} == {
        k: v for k, v in text.items() if _in(k, present)
    }:
        return None
    for name in reg.fields:
        setattr(stored, name, text[name])
    stored.full_clean()
    changed_parts = []
    for part in reg.parts:
        if part.accessor not in present:
            continue
        obj = parts[part.accessor] or part.model(**{part.link: stored})
        for name in part.fields:
            setattr(obj, name, text[f"{part.accessor}.{name}"])
        obj.full_clean()
        changed_parts.append(obj)
    stored.save()
    for obj in changed_parts:
        obj.save()
    return keep_revision(stored, user=user, comment=comment)


def _in(key, present_parts):
    """Whether `key` is restored from a revision holding `present_parts`."""
    return "." not in key or key.partition(".")[0] in present_parts


def forget(document):
    """Delete every revision of `document`, with its parts' versions in them. Runs in the
    caller's transaction (the delete's)."""
    content_type = ContentType.objects.get_for_model(type(document))
    held = Version.objects.filter(content_type=content_type, object_id=str(document.pk))
    Revision.objects.filter(pk__in=held.values("revision_id")).delete()


def forget_log(document, using="default"):
    """Rename the admin log entries of a private `document` and of every object its delete
    would take with it (cascades, GenericRelations: Django's own collector, so a new
    dependant is covered without a list here) to "(deleted)", without change messages.
    Call before the delete, in its transaction; returns the number of entries renamed."""
    collector = NestedObjects(using=using)  # never fast-deletes: every object is listed
    collector.collect([document])
    renamed = 0
    for model, objects in collector.data.items():
        # Who did what when stays; the name and the change message (which name an update
        # or a reply by its letter's title) go.
        renamed += (
            LogEntry.objects.using(using)
            .filter(
                content_type=ContentType.objects.db_manager(using).get_for_model(model),
                object_id__in=[str(obj.pk) for obj in objects],
            )
            .update(object_repr=DELETED_NAME, change_message="")
        )
    return renamed


def _forget_deleted(sender, instance, **kwargs):
    forget(instance)


def _forget_log(sender, instance, using, **kwargs):
    # A queryset delete sends this per letter too: a receiver stops its fast delete.
    forget_log(instance, using)
