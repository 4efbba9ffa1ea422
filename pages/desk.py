"""The editor's desk: what the admin's first page says waits, is coming and has gone out.

Computed here, once, for letters and articles together (pages may read both content apps).
A fixed number of queries whatever the archive's size: one for the letters' counts and
the oldest waiting letter, one per kind for the scheduled and the latest published, and
two for the columnists' queues (advice.columnists).
"""

from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlencode

from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timesince

from advice.columnists import Queue, columnist_queues
from advice.models import Letter, LetterUpdate, PostbagStatus, TakedownRequest
from articles.models import Article
from postbag.publishing import PUBLISHED

# How many scheduled and latest published pieces the desk lists (of all kinds together).
SHOWN = 5
# The states of a letter still waiting for an answer.
WAITING = [Letter.Status.NEW, Letter.Status.SHORTLISTED]


@dataclass
class Tally:
    """One count on the desk: its words ("New"), the number, the filtered admin list."""

    label: str
    number: int
    url: str


@dataclass
class Piece:
    """A letter or article on the desk: title, kind ("letter"/"article"), time, links."""

    title: str
    kind: str
    when: datetime
    admin_url: str
    public_url: str = ""


@dataclass
class Desk:
    """What the desk shows. `oldest_waiting` is words ("3 days") or "" when none waits."""

    counts: list = field(default_factory=list)
    oldest_waiting: str = ""
    oldest_waiting_url: str = ""
    scheduled: list = field(default_factory=list)
    latest: list = field(default_factory=list)
    # The postbag's switch (advice.postbag_status) and its admin page, for who may see it.
    postbag: PostbagStatus | None = None
    postbag_url: str = ""
    # Each columnist's queue and the signed-in editor's own (advice.columnists).
    queues: list = field(default_factory=list)
    my_letters: Queue | None = None


def letters_list(**filters):
    """The admin's letters list filtered by `filters` (query-string lookups)."""
    url = reverse("admin:advice_letter_changelist")
    return f"{url}?{urlencode(filters)}" if filters else url


def letter_counts(now):
    """The letters' counts by state and the oldest waiting letter's age, in one query."""
    numbers = Letter.objects.aggregate(
        new=Count("pk", filter=Q(status=Letter.Status.NEW)),
        shortlisted=Count("pk", filter=Q(status=Letter.Status.SHORTLISTED)),
        drafted=Count("pk", filter=Q(status=Letter.Status.DRAFTED)),
        scheduled=Count("pk", filter=Q(status=PUBLISHED, published_at__gt=now)),
        oldest=Min("received_at", filter=Q(status__in=WAITING)),
    )
    counts = [
        Tally("New", numbers["new"], letters_list(status__exact="new")),
        Tally("Shortlisted", numbers["shortlisted"], letters_list(status__exact="shortlisted")),
        Tally("Reply drafted", numbers["drafted"], letters_list(status__exact="drafted")),
        Tally(
            "Scheduled",
            numbers["scheduled"],
            letters_list(status__exact=PUBLISHED, published_at__gt=now.isoformat()),
        ),
    ]
    oldest = numbers["oldest"]
    return counts, (timesince(oldest, now, depth=1) if oldest else "")


def pieces(model, queryset, *, public):
    """`queryset`'s letters or articles as Pieces, with admin and (if `public`) page links."""
    admin_name = f"admin:{model._meta.app_label}_{model._meta.model_name}_change"
    return [
        Piece(
            title=str(item),
            kind=model.kind,
            when=item.published_at,
            admin_url=reverse(admin_name, args=[item.pk]),
            public_url=item.get_absolute_url() if public else "",
        )
        for item in queryset
    ]


def editors_desk(user, now=None):
    """The Desk for `user`: only the kinds of content `user` may view are read."""
    now = now or timezone.now()
    desk = Desk()
    kinds = [
        model
        for model in (Letter, Article)
        if user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}")
    ]
    if Letter in kinds:
        desk.counts, desk.oldest_waiting = letter_counts(now)
        desk.oldest_waiting_url = letters_list(status__in="new,shortlisted")
        desk.queues, desk.my_letters = columnist_queues(user=user, now=now)
    if user.has_perm("advice.view_letterupdate"):
        updates = reverse("admin:advice_letterupdate_changelist") + "?status__exact=new"
        desk.counts.append(
            Tally("Writers' updates", LetterUpdate.objects.waiting().count(), updates)
        )
    if user.has_perm("advice.view_takedownrequest"):
        requests = reverse("admin:advice_takedownrequest_changelist")
        waiting = TakedownRequest.objects.waiting().count()
        desk.counts.append(Tally("Takedown requests waiting", waiting, requests))
    if user.has_perm("advice.view_postbagstatus"):
        desk.postbag = PostbagStatus.current()
        desk.postbag_url = reverse("admin:advice_postbagstatus_changelist")
    columns = ["pk", "title", "slug", "published_at", "status"]
    for model in kinds:
        published = model.objects.standing().only(*columns)  # not taken down
        soon = published.filter(published_at__gt=now).order_by("published_at")[:SHOWN]
        done = published.filter(published_at__lte=now).order_by("-published_at")[:SHOWN]
        desk.scheduled += pieces(model, soon, public=False)
        desk.latest += pieces(model, done, public=True)
    desk.scheduled = sorted(desk.scheduled, key=lambda piece: piece.when)[:SHOWN]
    desk.latest = sorted(desk.latest, key=lambda piece: piece.when, reverse=True)[:SHOWN]
    return desk
