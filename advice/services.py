"""The write paths for letters and themes: the ask form, every admin action and every
import (the WordPress importer, the demo content) go through these.

Each function takes keyword-only arguments, validates with `full_clean()` and runs in a
transaction, so the form, the admin and any script change a letter the same way.
"""

import re
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import ngettext

from advice import notifications
from advice.floods import group_after_response
from advice.models import Letter, Reply, Theme
from advice.receipts import code_for_sending, receipt_hash, text_hash
from advice.suggestions import suggest_after_response
from postbag.locks import lock_for_transaction
from postbag.redirects import record_move
from postbag.revisions import keep_revision
from postbag.upsert import CREATED, UNCHANGED, outcome, set_related, upsert

# More links than this in a letter is how most spam looks; real letters rarely have any.
MAX_LINKS = 2
LINK = re.compile(r"https?://|www\.|\[[^\]]*\]\(", re.IGNORECASE)
DUPLICATE_WINDOW = timedelta(days=1)


@dataclass(frozen=True)
class Submission:
    """What the reader is told: a new letter's receipt code, or that it is a duplicate."""

    letter: Letter | None
    receipt_code: str | None

    @property
    def is_duplicate(self):
        return self.letter is None


DUPLICATE = Submission(letter=None, receipt_code=None)


@transaction.atomic
def submit_letter(*, text, sign_off="", email="", themes=(), rendering=""):
    """Store a reader's letter exactly as sent and return its receipt code.

    The same text sent again within a day is stored once, also when both sends arrive at
    the same moment (a lock on the text's hash serialises them). The same form sent twice
    (`rendering`, its signed "shown at" token: a double click) gets the stored letter and
    the same code again (advice.receipts.code_for_sending); from another rendering of the
    form (a refreshed page, a new visit) it gets a Submission without letter or code. A
    letter with more than MAX_LINKS links is kept, but as spam.
    """
    fingerprint = text_hash(text)
    lock_for_transaction(f"letter-text:{fingerprint}")
    code = code_for_sending(rendering, fingerprint)
    recent = timezone.now() - DUPLICATE_WINDOW
    earlier = Letter.objects.filter(text_hash=fingerprint, received_at__gte=recent).first()
    if earlier is not None:
        same_form = earlier.receipt_hash == receipt_hash(code)
        return Submission(letter=earlier, receipt_code=code) if same_form else DUPLICATE

    is_spam = len(LINK.findall(text)) > MAX_LINKS
    letter = Letter(
        original_text=text,
        original_sign_off=sign_off.strip() or "Anonymous",
        status=Letter.Status.SPAM if is_spam else Letter.Status.NEW,
        # A letter judged spam is never answered, so there is nothing to e-mail about.
        email="" if is_spam else email.strip(),
        text_hash=fingerprint,
        receipt_hash=receipt_hash(code),
    )
    letter.full_clean()
    letter.save()
    letter.themes.set(themes)
    suggest_after_response(letter)  # theme suggestions for the editors (advice.suggestions)
    group_after_response(letter)  # letters telling the same story (advice.floods)
    return Submission(letter=letter, receipt_code=code)


def find_letter_by_code(code):
    """The letter a receipt code belongs to, or None (whatever the reason)."""
    hashed = receipt_hash(code)
    if hashed is None:
        return None
    return Letter.objects.select_related("reply").filter(receipt_hash=hashed).first()


@transaction.atomic
def withdraw_letter(*, letter):
    """Delete the letter for real, with its reply, any e-mail address and every revision
    of either (postbag.revisions deletes them with it, in this transaction)."""
    letter.delete()


@transaction.atomic
def shortlist_letter(*, letter):
    """Put a letter on the shortlist of letters to answer."""
    _set_status(letter, Letter.Status.SHORTLISTED)


@transaction.atomic
def mark_letter_drafted(*, letter):
    """A reply has been drafted: a new or shortlisted letter moves to "reply drafted"."""
    if letter.status in {Letter.Status.NEW, Letter.Status.SHORTLISTED}:
        _set_status(letter, Letter.Status.DRAFTED)


@transaction.atomic
def publish_letter(*, letter, published_at=None):
    """Publish a letter now, or at `published_at` (a future time schedules it).

    Refuses a letter without a title or a reply. A reader who left an e-mail address is
    told once the transaction has committed (or, when scheduled, once it is public).
    """
    problems = letter.publication_problems()
    if problems:
        raise ValidationError(problems)
    letter.status = Letter.Status.PUBLISHED
    letter.published_at = published_at or letter.published_at or timezone.now()
    letter.full_clean()
    letter.save()
    keep_revision(letter, comment="Published")  # only if its text differs from the last
    _tell_reader_after_commit(letter)


@transaction.atomic
def decline_letter(*, letter):
    """The column can't answer this letter; a reader who left an address is told kindly."""
    _set_status(letter, Letter.Status.DECLINED)
    _tell_reader_after_commit(letter)


@transaction.atomic
def mark_letter_spam(*, letter):
    """Spam is never published or answered; its e-mail address is erased at once."""
    letter.email = ""
    _set_status(letter, Letter.Status.SPAM)


def _set_status(letter, status):
    letter.status = status
    letter.full_clean()
    letter.save()
    # A revision only if the text differs from the latest (after an admin save, it doesn't).
    keep_revision(letter, comment=letter.get_status_display())


def _tell_reader_after_commit(letter):
    # After the commit, so a rolled-back publish tells nobody; after the response, so the
    # editor never waits on the mail server.
    if letter.email:
        transaction.on_commit(
            partial(notifications.send_outcome_email_after_response, letter_id=letter.pk),
            robust=True,
        )


@transaction.atomic
def upsert_letter(*, match, fields, create_fields=None, themes=None, reply=None):
    """Create or update the letter that `match` names, with its reply and its themes.

    For letters that come from elsewhere (the WordPress import, the demo content), loaded
    again and again. `match` is the caller's natural key as field lookups (`{"slug": …}`,
    `{"wordpress_id": 7}`, `{"pk": 3}`; a new letter takes its values too). `fields` are
    Letter fields, set whether the letter is new or not; `create_fields` only on a new
    letter (a received date that must not move when loaded again). `reply` (Reply fields:
    body, columnist_name, sign_off) creates or updates the letter's reply, and `themes`
    (Theme rows) become its themes; None leaves either as it is. A row is saved only when
    something in it differs, after `full_clean()`.

    Returns (letter, outcome): "created"; "updated" when anything changed, the reply or the
    themes included; or "unchanged". Raises ValidationError, having written nothing.
    """
    letter, letter_outcome = upsert(Letter, match=match, fields=fields, create_fields=create_fields)
    changed = letter_outcome != UNCHANGED
    if reply is not None:
        _, reply_outcome = upsert(Reply, match={"letter": letter}, fields=reply)
        changed |= reply_outcome != UNCHANGED
    if themes is not None:
        changed |= set_related(letter.themes, themes)
    return letter, outcome(created=letter_outcome == CREATED, changed=changed)


@transaction.atomic
def upsert_theme(*, match, fields, create_fields=None):
    """Create or update the theme that `match` names (`{"slug": "friendship"}`).

    As `upsert_letter`: `fields` are set on a new or existing theme, `create_fields` on a
    new one only (`fields={}` with a name in `create_fields` uses an existing theme as it
    is). Returns (theme, outcome), the outcome "created", "updated" or "unchanged".
    Raises ValidationError, having written nothing.
    """
    return upsert(Theme, match=match, fields=fields, create_fields=create_fields)


@transaction.atomic
def merge_themes(*, source, target):
    """Merge the theme `source` into `target`, and delete `source`.

    Everything filed under `source` is filed under `target`: every relation to Theme, found
    through Theme._meta rather than named here (letters, their suggested themes, articles,
    newsletter subscribers' themes, and whatever is added later), a piece filed under both
    keeping one link; a section's themes move into `target`. `source`'s page and feed answer
    with a permanent redirect to `target`'s (postbag.redirects).

    A reader in need must not lose the crisis notice: `target` shows it from now on if
    either theme did.

    Returns a MergedTheme (what moved, how many, and whether `target` took the notice on).
    Raises
    ValidationError, having changed nothing, when the two are one theme, when either is
    gone (merged by someone else a moment ago), or when `source`'s themes can't move
    under `target` because `target` is itself in a section (sections are one level deep).
    """
    locked = {theme.pk: theme for theme in Theme.objects.select_for_update().order_by("pk")
              .filter(pk__in=[source.pk, target.pk])}  # fmt: skip
    if source.pk == target.pk:
        raise ValidationError("A theme can't be merged into itself.")
    if len(locked) < 2:
        raise ValidationError("One of the themes no longer exists: perhaps it was just merged.")
    source, target = locked[source.pk], locked[target.pk]
    children = Theme.objects.filter(parent=source).exclude(pk=target.pk)
    if target.parent_id == source.pk:
        # A theme merged with its own section takes the section's place.
        target.parent = None
        target.full_clean()
        target.save()
    elif target.parent_id is not None and children.exists():
        raise ValidationError(
            f"“{source}” is a section and “{target}” is in the section “{target.parent}”: "
            "sections go one level deep. Merge into a theme that isn't in a section."
        )
    notice_added = source.show_crisis_notice and not target.show_crisis_notice
    if notice_added:
        target.show_crisis_notice = True
        target.save(update_fields=["show_crisis_notice"])
    moved, described = {}, []
    for relation in Theme._meta.related_objects:
        if relation.many_to_many:
            count = _move_links(relation.field, source, target)
        elif relation.field.name == "parent" and relation.related_model is Theme:
            count = children.update(parent=target)
        else:
            manager = relation.related_model._base_manager
            count = manager.filter(**{relation.field.name: source}).update(
                **{relation.field.name: target}
            )
        moved[_what_moved(relation, 2)] = count
        if count:
            described.append(f"{count} {_what_moved(relation, count)}")
    target_addresses = target.addresses()
    for name, old in source.addresses().items():
        record_move(old, target_addresses[name])
    source.delete()
    return MergedTheme(moved=moved, described=tuple(described), crisis_notice_added=notice_added)


@dataclass(frozen=True)
class MergedTheme:
    """What `merge_themes` did.

    `moved`: {the plural name of what moved ("letters", "letters (suggested themes)",
    "articles", …): how many}, one entry for every relation to Theme, 0 included.
    `described`: what moved in words, the count's own number ("1 letter", "3 articles"),
    leaving out what had nothing. `crisis_notice_added`: the kept theme shows the crisis
    notice from now on because the merged one did.
    """

    moved: dict
    described: tuple
    crisis_notice_added: bool


def _what_moved(relation, count):
    """A relation to Theme in a few words, singular or plural for `count`: "letter",
    "letters (suggested themes)"."""
    meta = relation.related_model._meta
    name = ngettext(str(meta.verbose_name), str(meta.verbose_name_plural), count)
    if relation.field.name == "themes":
        return name
    return f"{name} ({relation.field.verbose_name})"


def _move_links(field, source, target):
    """Move the links of a many-to-many `field` (to Theme) from `source` to `target`; a
    row linked to both keeps its link to `target`. Returns how many rows had `source`."""
    links = field.remote_field.through._base_manager
    owner, theme = field.m2m_field_name(), field.m2m_reverse_field_name()
    both = links.filter(**{theme: target}).values(owner)
    count = links.filter(**{theme: source}).count()
    links.filter(**{theme: source}).exclude(**{f"{owner}__in": both}).update(**{theme: target})
    links.filter(**{theme: source}).delete()
    return count
