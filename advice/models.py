from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Concat
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from markdownx.models import MarkdownxField

from advice.columnists import AssignedColumnist, Columnist  # noqa: F401
from advice.incoming_groups import BurstMarks, LetterBand, LetterLikeness  # noqa: F401
from postbag.after_publication import THEME_NOTE_HELP, AfterPublication
from postbag.publishing import PUBLISHED, Publishable, PublishableQuerySet
from postbag.slugs import UnicodeSlugField, unique_slug
from postbag.takedowns import Correctable
from postbag.validators import (
    TITLE_LENGTH,
    strip_control_characters,
    validate_multiline,
    validate_single_line,
)


def default_columnist_name():
    return settings.COLUMNIST_NAME


def default_columnist_sign_off():
    return settings.COLUMNIST_SIGN_OFF


class Theme(models.Model):
    """A curated tag that links letters and articles about the same hurt."""

    name = models.CharField(max_length=80, unique=True, validators=[validate_single_line])
    slug = UnicodeSlugField(
        max_length=80, unique=True, blank=True, help_text="Made from the name when left empty."
    )
    description = MarkdownxField(
        blank=True, help_text="A sentence or two, in Markdown.", validators=[validate_multiline]
    )
    # A section is a theme with themes under it; one level deep (a section has no parent).
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        verbose_name="section",
        help_text="The section this theme belongs to, if any.",
    )
    show_crisis_notice = models.BooleanField(
        default=False,
        help_text="Show the crisis notice (where to find help now) on its letters and articles.",
    )
    content_note = models.CharField(
        max_length=200, blank=True, help_text=THEME_NOTE_HELP, validators=[validate_single_line]
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.fill_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("theme_detail", kwargs={"slug": self.slug})

    def addresses(self):
        """The theme's public addresses, its page and its feed, by name: where a rename or
        a merge leaves redirects (postbag.redirects)."""
        return {"page": self.get_absolute_url(), "feed": reverse("feeds_theme", args=[self.slug])}

    def clean(self):
        super().clean()
        self.fill_slug()
        self.check_section()

    def check_section(self):
        """Sections are one level deep: a theme's section has no section itself, and a
        section (a theme with themes under it) can't go into another one. Raises
        ValidationError on `parent`, naming the themes in the way."""
        parent = self.parent
        if parent is None:
            return
        if self.pk is not None and parent.pk == self.pk:
            raise ValidationError({"parent": "A theme can't be its own section."})
        if parent.parent_id is not None:
            raise ValidationError(
                {
                    "parent": f"“{parent}” is itself in the section “{parent.parent}”. Sections "
                    "go one level deep: choose a theme that isn't in a section."
                }
            )
        children = list(self.children.values_list("name", flat=True)[:4]) if self.pk else []
        if children:
            raise ValidationError(
                {
                    "parent": f"“{self}” is a section, with {', '.join(children)} under it, so "
                    "it can't go into another section. Move its themes out first."
                }
            )

    def fill_slug(self):
        """Make the slug from the name when there is none (in any script: postbag.slugs)."""
        if not self.slug:
            self.slug = unique_slug(self, self.name)


class LetterQuerySet(PublishableQuerySet):
    def for_listing(self):
        """What a list of letters shows: themes (and their sections) in one extra query,
        not one per letter."""
        return self.with_themes().newest_first().for_cards()

    def for_detail(self):
        """One letter with its reply, its columnist and themes (with sections, for breadcrumbs)."""
        return (
            self.select_related("reply", "columnist")
            .with_themes()
            .prefetch_related(published_updates())
        )

    def for_search_hits(self):
        """What a search hit shows (title, sign-off, date, themes), and `search_text`: the
        letter and its reply, as an alias for the excerpt to be cut from."""
        return (
            self.only("title", "slug", "sign_off", "published_at", "content_note", "rerun_at")
            .prefetch_related("themes")
            .alias(
                search_text=Concat(
                    "body", Value("\n\n"), "reply__body", output_field=models.TextField()
                )
            )
        )


class Letter(BurstMarks, Correctable, AssignedColumnist, AfterPublication, Publishable):
    """What a reader sent, kept as received, plus the edited copy the column publishes."""

    # Addresses under /letters/ that are pages of their own (advice.urls), never a letter's.
    RESERVED_SLUGS = frozenset({"updates"})

    class Status(models.TextChoices):
        NEW = "new", "New"
        SHORTLISTED = "shortlisted", "Shortlisted"
        DRAFTED = "drafted", "Reply drafted"
        PUBLISHED = PUBLISHED, "Published"
        DECLINED = "declined", "Declined"
        SPAM = "spam", "Spam"

    # As received: never shown publicly, never edited.
    original_text = models.TextField("letter as received")
    original_sign_off = models.CharField("sign-off as received", max_length=120, blank=True)
    received_at = models.DateTimeField(default=timezone.now, db_index=True)

    # The edited copy for publication: shortened, with identifying details removed.
    title = models.CharField(max_length=TITLE_LENGTH, blank=True, validators=[validate_single_line])
    slug = UnicodeSlugField(
        max_length=200,
        unique=True,
        null=True,  # unique, yet many letters have none until they are prepared
        blank=True,
        help_text="Made from the title when left empty.",
    )
    body = MarkdownxField("letter for publication", blank=True, validators=[validate_multiline])
    sign_off = models.CharField(
        "sign-off for publication", max_length=120, blank=True, validators=[validate_single_line]
    )

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    themes = models.ManyToManyField(Theme, blank=True, related_name="letters")
    suggested_themes = models.ManyToManyField(
        Theme,
        blank=True,
        related_name="suggested_for",
        help_text="Themes whose published letters and articles this one most resembles. "
        "Suggestions only: nothing is applied by itself.",
    )
    updated_at = models.DateTimeField(auto_now=True)
    comments_closed = models.BooleanField(
        default=False, help_text="Readers can no longer comment; the comments stay shown."
    )
    # A recording of the piece (MP3, M4A or Ogg), its length and size, for the player and
    # the podcast feed's enclosure.
    recording = models.FileField(upload_to="recordings/", blank=True)
    recording_seconds = models.PositiveIntegerField(null=True, blank=True, editable=False)
    recording_bytes = models.PositiveBigIntegerField(null=True, blank=True, editable=False)

    # Privacy: the e-mail address is erased once the reader has been told the outcome; the
    # receipt code and the text are kept only as keyed hashes (see advice.receipts).
    email = models.EmailField(
        blank=True, help_text="Only to say the letter was answered; erased once that is sent."
    )
    outcome_emailed_at = models.DateTimeField(
        "outcome e-mailed at", null=True, blank=True, editable=False
    )  # when the outcome e-mail went, just before the address was erased
    # Shown only to the writer, with their code, on the status page of a declined letter;
    # purged PRIVATE_NOTE_DAYS after it was written (advice.updates.purge_private_notes).
    private_note = models.TextField(blank=True, max_length=600, validators=[validate_multiline])
    private_note_written_at = models.DateTimeField(null=True, blank=True, editable=False)
    receipt_hash = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )
    text_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)

    # Site search. On PostgreSQL the database keeps it current with triggers, because the
    # theme names and the reply live in other tables (advice/migrations/0004_search_vector):
    # title weighs A, theme names B, the edited letter and the reply C. Empty on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    # Where an imported letter came from (import_wordpress): importing the same export again
    # finds it by these and updates it, instead of adding a copy.
    wordpress_id = models.PositiveBigIntegerField(
        "WordPress post ID", null=True, blank=True, unique=True, editable=False
    )
    wordpress_guid = models.CharField(
        "WordPress GUID", max_length=255, blank=True, db_index=True, editable=False
    )

    kind = "letter"
    objects = LetterQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-received_at"]
        indexes = [
            # Lists page through this index alone (ids at an offset, postbag.pagination).
            models.Index(
                fields=["status", "-published_at", "-received_at"],
                include=["id"],
                name="letter_listing",
            ),
            models.Index(fields=["status", "-received_at"], name="letter_status_received"),
            GinIndex(fields=["search_vector"], name="letter_search_vector"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=PUBLISHED)
                | (Q(published_at__isnull=False) & Q(slug__isnull=False) & ~Q(title="")),
                name="published_letter_has_title_slug_and_date",
            )
        ]

    def __str__(self):
        return self.title or f"Letter from “{self.original_sign_off or 'Anonymous'}”"

    def get_absolute_url(self):
        """The letter's page, which it has once it has a title (its slug is made from it).

        Raises Http404 before then, rather than making /letters/None/: Django's "view on
        site" redirect answers "not found", and no page can link to a letter with no page.
        """
        if not self.slug:
            raise Http404("This letter has no page yet: it needs a title first.")
        return reverse("advice:letter_detail", kwargs={"slug": self.slug})

    def fill_derived_fields(self):
        # The edited copy starts as a copy of the original, for the editor to trim, without
        # the control characters a reader may have pasted (the copy must validate).
        if not self.body:
            self.body = strip_control_characters(self.original_text)
        if not self.sign_off:
            self.sign_off = strip_control_characters(self.original_sign_off, single_line=True)
        if self.title.strip() and not self.slug:
            self.slug = unique_slug(self, self.title, reserved=self.RESERVED_SLUGS)
        if bool(self.private_note.strip()) != bool(self.private_note_written_at):
            self.private_note_written_at = timezone.now() if self.private_note.strip() else None
        super().fill_derived_fields()

    def publication_problems(self, *, has_reply=None):
        """What stops this letter being published, as {field name: message}; {} if nothing.

        The one statement of "a letter can't be published without a title and a reply",
        used by model validation (the title), the admin's reply inline and publish_letter.
        `has_reply` is for a caller that knows better than the database (a form about to
        save the reply); None looks at the saved reply.
        """
        problems = {}
        if not self.title.strip():
            problems["title"] = "A letter needs a title before it is published."
        if not (self.has_reply if has_reply is None else has_reply):
            problems["reply"] = (
                "A letter cannot be published without a reply. Write the reply first."
            )
        return problems

    def clean(self):
        if self.slug in self.RESERVED_SLUGS:
            raise ValidationError({"slug": f"“{self.slug}” is the address of another page."})
        # The reply is a row of its own, saved after the letter: its forms check it.
        if self.status == self.Status.PUBLISHED:
            title_problem = self.publication_problems(has_reply=True)
            if title_problem:
                raise ValidationError(title_problem)
        super().clean()

    @property
    def reader_status(self):
        """What the reader who sent it is told, in the words of ask_status.html.

        Spam is reported like a declined letter: a reader is never told it was judged spam.
        """
        if self.status == PUBLISHED and self.taken_down_at:
            return "taken_down"
        if self.is_published:
            return "answered"
        if self.status in {self.Status.DECLINED, self.Status.SPAM}:
            return "not_answered"
        if self.status == self.Status.NEW:
            return "received"
        return "being_answered"

    @property
    def has_reply(self):
        try:
            return bool(self.reply.body.strip())
        except Reply.DoesNotExist:
            return False


class Reply(models.Model):
    """The columnist's answer to one letter."""

    letter = models.OneToOneField(Letter, on_delete=models.CASCADE, related_name="reply")
    body = MarkdownxField(
        "reply",
        help_text="Markdown. The preview shows what readers will see.",
        validators=[validate_multiline],
    )
    columnist_name = models.CharField(
        max_length=120, default=default_columnist_name, validators=[validate_single_line]
    )
    sign_off = models.CharField(
        max_length=120, default=default_columnist_sign_off, validators=[validate_single_line]
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "replies"

    def __str__(self):
        return f"Reply to {self.letter}"


class ColumnistProfile(models.Model):
    """The About page's one row: who the columnist is and how to write to her.

    There is at most one (its id is always 1, and a constraint says so); until an editor
    saves it, `current()` gives an unsaved one with the column's names from settings.
    """

    name = models.CharField(
        max_length=120, default=default_columnist_name, validators=[validate_single_line]
    )
    # Stored only as Pillow re-encoded it, under a random name (advice.admin's form, through
    # postbag.editor.prepare_image); the size is kept for the page's <img width height>.
    portrait = models.ImageField(
        upload_to="columnist/",
        blank=True,
        width_field="portrait_width",
        height_field="portrait_height",
        help_text="A JPEG, PNG or WebP photo or drawing; it is shown at most 320 pixels wide.",
    )
    portrait_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    portrait_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    portrait_description = models.CharField(
        "portrait description",
        max_length=200,
        blank=True,
        validators=[validate_single_line],
        help_text="What the portrait shows, for readers who can't see it "
        "(e.g. “Elizabeth at her desk, smiling”).",
    )
    introduction = MarkdownxField(
        blank=True,
        validators=[validate_multiline],
        help_text="A few lines about her, in Markdown.",
    )
    how_to_write = MarkdownxField(
        "how to write in",
        blank=True,
        validators=[validate_multiline],
        help_text="What she would like readers to tell her, in Markdown. The page adds the "
        "link to the form, what happens to a letter and how long answers usually take.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "About the columnist"
        constraints = [models.CheckConstraint(condition=Q(id=1), name="one_columnist_profile")]

    def __str__(self):
        return f"About {self.name}"

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("advice:about")

    @classmethod
    def current(cls):
        """The saved profile, or an unsaved one with the defaults: one query."""
        return cls.objects.filter(pk=1).first() or cls()


from advice.letter_updates import LetterUpdate, published_updates  # noqa: E402,F401
from advice.postbag_status import PostbagStatus  # noqa: E402,F401
from advice.takedown_requests import TakedownRequest  # noqa: E402,F401
