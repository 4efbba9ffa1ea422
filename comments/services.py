"""The write paths for comments: the public form, the admin's actions and the column's
replies all go through these, with keyword-only arguments, `full_clean()` and a
transaction (as advice.services does for letters)."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from advice.receipts import new_receipt_code, receipt_hash, text_hash
from comments.models import Comment
from postbag.locks import lock_for_transaction

DUPLICATE_WINDOW = timedelta(days=1)


@dataclass(frozen=True)
class CommentSubmission:
    """What the writer is told: a new comment's code, or that it is a duplicate."""

    comment: Comment | None
    code: str | None

    @property
    def is_duplicate(self):
        return self.comment is None


def _text_fingerprint(piece, text):
    # The same words under another piece are another comment.
    return text_hash(f"{piece.kind}:{piece.pk}:{text}")


@transaction.atomic
def submit_comment(*, piece, text, name=""):
    """Hold a reader's comment on `piece` (a Letter or Article) for moderation, and return
    its comment code, once (only its keyed hash is stored).

    The same text on the same piece within a day (a refreshed page, a double click) is
    stored once: the second send returns a CommentSubmission without comment or code, also
    when both arrive at the same moment (a lock on the text's hash serialises them).
    Raises ValidationError (nothing written) for a text or name the model refuses.
    """
    fingerprint = _text_fingerprint(piece, text)
    lock_for_transaction(f"comment-text:{fingerprint}")
    recent = timezone.now() - DUPLICATE_WINDOW
    if Comment.objects.filter(text_hash=fingerprint, created_at__gte=recent).exists():
        return CommentSubmission(comment=None, code=None)
    code = new_receipt_code()
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


@transaction.atomic
def reply_as_column(*, piece, text, in_reply_to=None, name=""):
    """The column's own comment under `piece`, approved at once and marked on the page as
    the columnist's (`name`, by default COLUMNIST_NAME). `in_reply_to` is the comment it
    answers, if any; the reply goes when that comment does. Returns the new Comment;
    raises ValidationError (nothing written) for a text the model refuses."""
    reply = Comment(
        **{piece.kind: piece},
        name=name.strip() or settings.COLUMNIST_NAME,
        text=text,
        status=Comment.Status.APPROVED,
        is_columnist_reply=True,
        in_reply_to=in_reply_to,
    )
    reply.full_clean()
    reply.save()
    return reply
