"""Readers' comments under letters and articles, and the column's replies among them.

A comment keeps what its writer typed (a name, which may be empty, and the text) and when;
nothing else about them: no address, no user agent, no account. Its comment code, shown
to the writer once, is stored only as a keyed hash (advice.receipts), so that the writer,
and only the writer, can delete it.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone

from advice.models import Letter
from articles.models import Article
from postbag.text import visible_length
from postbag.validators import validate_multiline, validate_single_line

COMMENT_MIN, COMMENT_MAX = 20, 3000
NAME_MAX = 80
# The name shown for a comment whose writer gave none.
NO_NAME = "A reader"
PIECE_MODELS = {"letter": Letter, "article": Article}


def comments_are_on():
    """Whether the site shows comments at all (COMMENTS is "moderated", not "off")."""
    return settings.COMMENTS != "off"


def comments_open(piece):
    """Whether readers may comment on `piece` (a Letter or Article) now.

    Open while comments are on, the piece is public, an editor hasn't closed its comments,
    and it was published less than COMMENTS_OPEN_DAYS ago (0: no limit in days).
    """
    if not comments_are_on() or not piece.is_published or piece.comments_closed:
        return False
    days = settings.COMMENTS_OPEN_DAYS
    return days <= 0 or timezone.now() < piece.published_at + timedelta(days=days)


class CommentQuerySet(models.QuerySet):
    def approved(self):
        """Only what readers may see: comments an editor approved, and the column's replies,
        but no reply to a comment readers can't see (held, rejected, spam)."""
        shown = Comment.Status.APPROVED
        return self.filter(Q(in_reply_to__isnull=True) | Q(in_reply_to__status=shown), status=shown)

    def on(self, piece):
        """The comments under `piece` (a Letter or an Article)."""
        return self.filter(**{piece.kind: piece})

    def for_page(self):
        """What a piece's page shows, oldest first, in one query."""
        return self.only(
            "name", "text", "created_at", "is_columnist_reply", "in_reply_to"
        ).order_by("created_at", "pk")

    def counts_for(self, pieces):
        """{(kind, pk): number of comments} for `pieces` (letters and articles mixed), in one
        query; a piece without comments is not in the dict."""
        ids = {kind: [p.pk for p in pieces if p.kind == kind] for kind in PIECE_MODELS}
        condition = Q(letter__in=ids["letter"]) | Q(article__in=ids["article"])
        rows = (
            self.filter(condition)
            .order_by()
            .values_list("letter_id", "article_id")
            .annotate(total=Count("pk"))
        )
        return {
            ("letter", letter) if letter else ("article", article): total
            for letter, article, total in rows
        }


class Comment(models.Model):
    """A reader's comment under one letter or one article (exactly one), or the column's
    reply among them (`is_columnist_reply`). Every reader's comment starts held."""

    class Status(models.TextChoices):
        HELD = "held", "Held for moderation"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        SPAM = "spam", "Spam"

    letter = models.ForeignKey(
        Letter, null=True, blank=True, on_delete=models.CASCADE, related_name="comments"
    )
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.CASCADE, related_name="comments"
    )
    name = models.CharField(
        max_length=NAME_MAX,
        blank=True,
        validators=[validate_single_line],
        help_text=f"As the writer gave it; shown as “{NO_NAME}” when empty.",
    )
    text = models.TextField(
        validators=[validate_multiline, MaxLengthValidator(COMMENT_MAX)],
        help_text="Plain text: blank lines make paragraphs, web addresses become links. "
        "Edit only to remove what could identify someone.",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.HELD)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    # The column answering under the piece, marked as the columnist's on the page; it may
    # answer one comment in particular, and goes when that comment does.
    is_columnist_reply = models.BooleanField("the column's reply", default=False)
    in_reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    # Keyed hashes (advice.receipts): of the comment code, so that its writer can delete it;
    # of the text, to recognise the same comment sent twice.
    code_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    text_hash = models.CharField(max_length=64, blank=True, editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            # A piece's page: its approved comments, oldest first; and the cards' counts.
            models.Index(fields=["letter", "status", "created_at"], name="comment_letter_page"),
            models.Index(fields=["article", "status", "created_at"], name="comment_article_page"),
            models.Index(fields=["status", "-created_at"], name="comment_queue"),
            models.Index(fields=["text_hash", "created_at"], name="comment_text_hash"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(letter__isnull=True, article__isnull=False)
                | Q(letter__isnull=False, article__isnull=True),
                name="comment_on_one_piece",
            )
        ]

    def __str__(self):
        words = " ".join(self.text.split())
        return f"{self.shown_name}: {words[:60]}{'…' if len(words) > 60 else ''}"

    @classmethod
    def from_db(cls, db, field_names, values):
        comment = super().from_db(db, field_names, values)
        # Whether readers could see it as read: a change to a comment nobody saw leaves
        # the page cache alone (comments.apps).
        if "status" in comment.__dict__:
            comment.was_shown = comment.status == cls.Status.APPROVED
        return comment

    @property
    def piece(self):
        """The letter or article this comment is under."""
        return self.letter or self.article

    @property
    def kind(self):
        return "letter" if self.letter_id else "article"

    @property
    def shown_name(self):
        if self.is_columnist_reply:
            return self.name or settings.COLUMNIST_NAME
        return self.name or NO_NAME

    def clean(self):
        super().clean()
        # The column may answer in a word; a reader's comment says something.
        if not self.is_columnist_reply and visible_length(self.text) < COMMENT_MIN:
            raise ValidationError(
                {"text": f"A comment needs {COMMENT_MIN} characters or more, not counting spaces."},
                code="too_short",
            )
        if not visible_length(self.text):
            raise ValidationError({"text": "There is nothing to read in this text."}, code="empty")
