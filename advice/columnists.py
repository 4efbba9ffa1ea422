"""Several columnists: who answers a letter, the desk's queue for each, and the byline.

A **Columnist** is one voice of the column: a guest, or one of the people who have written
the column's persona over the years. Editors link the staff accounts that write as them
(their desk then says "Your letters: N waiting") and assign letters to them, one at a time
on the letter's page or many at once with the list's action (`assign_letters`). Deleting a
columnist leaves their letters unassigned (SET_NULL); an inactive one keeps its letters
but isn't offered for new ones.

**The byline**, one rule (`byline`): an unassigned letter's reply is signed as today, with
the reply's own name (the column's persona, settings.COLUMNIST_NAME, unless the editor
changed it). An assigned letter's reply takes the name its columnist chooses in the admin,
the column's persona or their own; and where the columnist's `credit_writer` is ticked, the
page says "Written this week by …" under the reply and structured data names that writer
as the answer's `author`. A choice per columnist rather than a setting: a guest may want
their name on it, and the persona's current writer may prefer to stay behind it.

The desk's queues (`columnist_queues`) cost two queries whatever the number of columnists
and letters: one for the columnists with their counts, one for the unassigned letters.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.db import models, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse

from postbag.publishing import PUBLISHED
from postbag.validators import validate_single_line
from postbag.versioning import bump_content_version

# The states of a letter still waiting for an answer (as pages.desk counts them).
WAITING = ["new", "shortlisted"]
QUEUE_COUNTS = ["waiting", "drafted", "scheduled"]
# The letters list's "Assigned to" filter (advice.columnists_admin) and its parameter.
ASSIGNED_TO = "assigned_to"


class ColumnistQuerySet(models.QuerySet):
    def for_choosing(self):
        """The columnists an editor may give new letters to: the active ones, by name."""
        return self.filter(active=True).order_by("name")

    def with_queues(self, *, user, now):
        """Every columnist with `waiting` (new or shortlisted), `drafted` and `scheduled`
        (published, appearing after `now`) letter counts, and `is_mine` (whether `user`
        writes as them): one query."""
        letters = Q(letters__status=PUBLISHED, letters__published_at__gt=now)
        return self.annotate(
            waiting=Count("letters", filter=Q(letters__status__in=WAITING)),
            drafted=Count("letters", filter=Q(letters__status="drafted")),
            scheduled=Count("letters", filter=letters),
            is_mine=Exists(
                Columnist.users.through.objects.filter(columnist=OuterRef("pk"), user=user.pk)
            ),
        ).order_by("-active", "name")


class Columnist(models.Model):
    """One voice of the column, the accounts that write as it, and how its replies are
    signed and credited (see the module)."""

    class Byline(models.TextChoices):
        COLUMN = "column", "The column's name (the reply's own, e.g. “Elizabeth”)"
        OWN = "own", "Their own name"

    name = models.CharField(
        max_length=120,
        unique=True,
        validators=[validate_single_line],
        help_text="Who writes, as the desk and the letters list name them (e.g. “Sam Porter”).",
    )
    users = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="columnists",
        limit_choices_to={"is_staff": True},
        verbose_name="accounts",
        help_text="The staff accounts that write as this columnist: their desk shows "
        "“Your letters” waiting.",
    )
    byline = models.CharField(
        "reply signed with",
        max_length=10,
        choices=Byline.choices,
        default=Byline.COLUMN,
        help_text="The name in “… replies” above their answers.",
    )
    credit_writer = models.BooleanField(
        "credit the writer",
        default=False,
        help_text="Say “Written this week by …” under their replies, and name them as the "
        "answer's author for search engines.",
    )
    credited_as = models.CharField(
        "credited as",
        max_length=120,
        blank=True,
        validators=[validate_single_line],
        help_text="How the credit names them (e.g. “Sam Porter, guest columnist”). "
        "Empty: their name.",
    )
    active = models.BooleanField(
        default=True,
        help_text="Untick when they stop writing: they keep their letters, but new ones "
        "can't be given to them.",
    )

    objects = ColumnistQuerySet.as_manager()

    class Meta:
        ordering = ["-active", "name"]

    def __str__(self):
        return self.name if self.active else f"{self.name} (inactive)"

    @property
    def credit(self):
        """The writer's name for the credit line, or "" where the columnist wants none."""
        return (self.credited_as.strip() or self.name) if self.credit_writer else ""


class AssignedColumnist(models.Model):
    """The columnist a letter is assigned to, mixed into advice.Letter (None: unassigned)."""

    columnist = models.ForeignKey(
        "advice.Columnist",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="letters",
        verbose_name="assigned to",
        help_text="The columnist who answers it; their desk lists it. Empty: nobody yet.",
    )

    class Meta:
        abstract = True

    @property
    def reply_byline(self):
        """`byline(self)`: who signs the reply, and whom it credits."""
        return byline(self)


@dataclass(frozen=True)
class Byline:
    """Who a reply is signed by (`name`: "Elizabeth") and the writer credited ("" for none)."""

    name: str
    credit: str = ""


def byline(letter):
    """The Byline of `letter`'s reply, by the module's rule. Reads `letter.reply` and
    `letter.columnist` (select_related by Letter.objects.for_detail: no query of its own)."""
    name = letter.reply.columnist_name if letter.has_reply else ""
    name = name.strip() or settings.COLUMNIST_NAME
    columnist = letter.columnist
    if columnist is None:
        return Byline(name)
    if columnist.byline == Columnist.Byline.OWN:
        name = columnist.name
    credit = columnist.credit
    return Byline(name, "" if credit == name else credit)


def reply_author(letter):
    """The answer's author for structured data: the credited writer, else the byline."""
    signed = byline(letter)
    return signed.credit or signed.name


@transaction.atomic
def assign_letters(*, letters, columnist):
    """Assign `letters` (a Letter queryset) to `columnist` (a Columnist, or None to leave
    them unassigned). Returns how many letters there were. Bumps the content version, as
    a save would: a published letter's byline may change with it."""
    count = letters.update(columnist=columnist)
    if count:
        transaction.on_commit(bump_content_version)
    return count


@dataclass
class Queue:
    """One row of the desk's queues: whose (a Columnist, or None for the unassigned
    letters), its counts, and the letters list filtered to each count."""

    columnist: Columnist | None
    waiting: int
    drafted: int
    scheduled: int
    is_mine: bool = False
    urls: dict = field(default_factory=dict)


def letters_assigned(whom, now):
    """{"waiting": url, "drafted": url, "scheduled": url, "all": url}: the admin's letters
    list filtered to `whom` ("mine", "none" or a columnist's id, the "Assigned to" filter's
    values) and each queue's states."""
    base = reverse("admin:advice_letter_changelist") + f"?{ASSIGNED_TO}={whom}"
    scheduled = urlencode({"status__exact": PUBLISHED, "published_at__gt": now.isoformat()})
    return {
        "waiting": f"{base}&status__in=new,shortlisted",
        "drafted": f"{base}&status__exact=drafted",
        "scheduled": f"{base}&{scheduled}",
        "all": base,
    }


def columnist_queues(*, user, now):
    """([Queue], mine) for the desk: one Queue per columnist (an inactive one only while it
    has letters queued), then the unassigned letters'; `mine` is a Queue of the letters
    for the columnists `user` writes as, or None when they write as none. Two queries."""
    from advice.models import Letter  # advice.models imports this module for its mixin

    queues = []
    for columnist in Columnist.objects.with_queues(user=user, now=now):
        counts = [columnist.waiting, columnist.drafted, columnist.scheduled]
        if columnist.active or any(counts):
            urls = letters_assigned(columnist.pk, now)
            queues.append(Queue(columnist, *counts, is_mine=columnist.is_mine, urls=urls))
    unassigned = Letter.objects.filter(columnist=None).aggregate(
        waiting=Count("pk", filter=Q(status__in=WAITING)),
        drafted=Count("pk", filter=Q(status="drafted")),
        scheduled=Count("pk", filter=Q(status=PUBLISHED, published_at__gt=now)),
    )
    mine = [queue for queue in queues if queue.is_mine]
    queues.append(Queue(None, **unassigned, urls=letters_assigned("none", now)))
    if not mine:
        return queues, None
    total = [sum(getattr(queue, count) for queue in mine) for count in QUEUE_COUNTS]
    return queues, Queue(None, *total, is_mine=True, urls=letters_assigned("mine", now))
