"""The write paths for comments: the public form, the admin's actions and the column's
replies all go through these, with keyword-only arguments, `full_clean()` and a
transaction (as advice.services does for letters)."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from advice.receipts import code_for_sending, receipt_hash, text_hash
from comments.models import Comment
from postbag.locks import lock_for_transaction
from postbag.text import normalise_newlines

DUPLICATE_WINDOW = timedelta(days=1)
NOT_SHOWN = (
    "Readers can't see this comment, so a reply to it would answer nothing they can read. "
    "Choose “Approved” as its status to approve it and reply in the same save."
)


@dataclass(frozen=True)
class CommentSubmission:
    """What the writer is told: the comment's code (new, or the same form sent again), or
    that it is a duplicate from another sending (no comment, no code)."""

    comment: Comment | None
    code: str | None

    @property
    def is_duplicate(self):
        return self.comment is None


def _text_fingerprint(piece, text):
    # The same words under another piece are another comment.
    return text_hash(f"{piece.kind}:{piece.pk}:{text}")


@transaction.atomic
def submit_comment(*, piece, text, name="", rendering=""):
    """Hold a reader's comment on `piece` (a Letter or Article) for moderation, and return
    its comment code (only its keyed hash is stored).

    The same text on the same piece within a day is stored once, also when both sends
    arrive at the same moment (a lock on the text's hash serialises them). The same form
    sent twice (`rendering`, its signed "shown at" token: a double click) gets the stored
    comment and the same code again (advice.receipts.code_for_sending); from another
    rendering of the form it gets a CommentSubmission without comment or code.
    Raises ValidationError (nothing written) for a text or name the model refuses.
    """
    text = normalise_newlines(text)
    fingerprint = _text_fingerprint(piece, text)
    lock_for_transaction(f"comment-text:{fingerprint}")
    code = code_for_sending(rendering, fingerprint)
    recent = timezone.now() - DUPLICATE_WINDOW
    earlier = Comment.objects.filter(text_hash=fingerprint, created_at__gte=recent).first()
    if earlier is not None:
        if earlier.code_hash == receipt_hash(code):  # the same form sent again
            return CommentSubmission(comment=earlier, code=code)
        return CommentSubmission(comment=None, code=None)
    comment = Comment(
        **{piece.kind: piece},
        name=name.strip(),
        text=text,
        text_hash=fingerprint,
        code_hash=receipt_hash(code),
    )
    comment.full_clean()
    comment.save()
    return CommentSubmission(comment=comment, code=code)


def find_comment_by_code(code):
    """The comment a comment code belongs to, or None (whatever the reason)."""
    hashed = receipt_hash(code)
    if hashed is None:
        return None
    return (
        Comment.objects.select_related("letter", "article")
        .filter(code_hash=hashed, is_columnist_reply=False)
        .first()
    )


@transaction.atomic
def delete_comment(*, comment):
    """Delete a comment for real (its writer took it back), with any reply to it."""
    comment.delete()


@transaction.atomic
def approve_comment(*, comment):
    """Show the comment under its piece; the piece's cached page refreshes at once."""
    _set_status(comment, Comment.Status.APPROVED)


@transaction.atomic
def reject_comment(*, comment):
    """Don't show the comment (off-topic, unkind, identifying someone); it stays deletable."""
    _set_status(comment, Comment.Status.REJECTED)


@transaction.atomic
def mark_comment_spam(*, comment):
    """The comment is spam: never shown."""
    _set_status(comment, Comment.Status.SPAM)


def _set_status(comment, status):
    comment.status = status
    comment.full_clean()
    comment.save()


def column_reply(*, piece, text, in_reply_to=None, name=""):
    """The column's reply to `in_reply_to` (a Comment, or None) under `piece`, checked and
    not yet saved: what `reply_as_column` would store. Raises ValidationError with the
    reason as {"text": …} or {"in_reply_to": …}: a control character or no visible text,
    or a comment readers can't see (a reply would show under nothing: approve it first)."""
    if in_reply_to is not None and in_reply_to.status != Comment.Status.APPROVED:
        raise ValidationError({"in_reply_to": NOT_SHOWN}, code="not_shown")
    reply = Comment(
        **{piece.kind: piece},
        name=name.strip() or settings.COLUMNIST_NAME,
        text=normalise_newlines(text).strip(),
        status=Comment.Status.APPROVED,
        is_columnist_reply=True,
        in_reply_to=in_reply_to,
    )
    reply.full_clean()
    return reply


@transaction.atomic
def reply_as_column(*, piece, text, in_reply_to=None, name=""):
    """The column's own comment under `piece`, approved at once and marked on the page as
    the columnist's (`name`, by default COLUMNIST_NAME). `in_reply_to` is the comment it
    answers, if any, which must be approved; the reply is shown right after it, and goes
    when that comment does. Returns the new Comment; raises ValidationError (nothing
    written) for what `column_reply` refuses."""
    reply = column_reply(piece=piece, text=text, in_reply_to=in_reply_to, name=name)
    reply.save()
    return reply
