"""Loads the demo column (demo/content/) through the content apps' own write functions.

Two ways, because the demo is there to be tried: a newcomer edits a demo letter in the
admin and runs `make run` again, and must find the edit still there.

- **Adding** (the default): pieces that aren't in the database yet are created; a piece
  that is there (found by its slug; a theme by its slug or its name, an inbox letter by
  its text) is left exactly as it is, its themes and reply included. Rows are never
  compared with the files, so nothing an editor changed is undone. A piece deleted in
  the admin is missing, so it comes back.
- **Resetting** (`reset=True`, `seed_demo --reset`, `make demo-reset`): every piece is
  written as the files have it (`advice.services.upsert_theme`, `upsert_letter`,
  `articles.services.upsert_series`, `upsert_article`), its themes and reply too, and
  its dates are counted back from now again, so scheduled posts are in the future again.

Dates are relative to the moment a piece is created (or reset): a file's `days_ago` is
how long ago a piece was published (negative: it is scheduled that far ahead; a draft
gets no date), and a letter was received nine days before that; a classic's
`rerun_days_ago` and a writer's update's `update_days_ago` count back the same way. A
letter's update is part of the letter: written with it (when it is created or reset), kept
with it otherwise. The inbox letters
arrive the way a reader's letter does (`submit_letter`, which also suggests their
themes), once each; resetting leaves the ones an editor has already handled as they are.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from advice.columnist import prepared_portrait, upsert_columnist_profile
from advice.letter_updates import LetterUpdate
from advice.models import ColumnistProfile, Letter, Theme
from advice.services import submit_letter, upsert_letter, upsert_theme
from articles.models import Article, Series
from articles.services import upsert_article, upsert_series
from demo.files import (
    CONTENT,
    ContentError,
    read_about,
    read_articles,
    read_inbox,
    read_letters,
    read_series,
    read_themes,
)
from demo.images import with_uploads
from postbag.publishing import PUBLISHED
from postbag.upsert import CREATED, UNCHANGED, UPDATED, upsert

# Between a demo letter's arrival and its publication: the time an answer takes.
DAYS_TO_ANSWER = 9

# Outcomes besides postbag.upsert's CREATED, UPDATED and UNCHANGED: a piece already in
# the database and left alone without looking, and a missing piece that couldn't be added.
KEPT, SKIPPED = "kept", "skipped"

# The kinds of piece, in the order they load (and are reported).
KINDS = ["theme", "series", "article", "letter", "inbox letter", "about page"]


class DemoConflict(ValueError):
    """A demo piece that can't be restored because a row an editor changed is in the way
    (e.g. another article now holds its part of a series); the message names the piece
    and the models' objection."""


@dataclass
class DemoLoad:
    """What one load did: `counts` of (kind, outcome) pairs, kind one of KINDS and outcome
    "created", "updated", "unchanged", KEPT or SKIPPED; `skipped`, one sentence for each
    piece that couldn't be added, saying why."""

    counts: Counter = field(default_factory=Counter)
    skipped: list = field(default_factory=list)

    def outcomes(self):
        """A Counter of outcomes alone, e.g. {"created": 30} after a first load."""
        result = Counter()
        for (_, outcome), number in self.counts.items():
            result[outcome] += number
        return result

    def of(self, outcome):
        """{kind: number} for one outcome, in KINDS order, kinds with none left out."""
        return {kind: self.counts[kind, outcome] for kind in KINDS if self.counts[kind, outcome]}


@transaction.atomic
def load_demo(*, folder=CONTENT, now=None, reset=False):
    """Add the demo pieces read from `folder` that the database lacks, or with
    `reset=True` write every one as the files have it; `now` (default: the current time)
    is what the files' `days_ago` count back from, for a piece created or reset.

    Returns a DemoLoad. Raises ContentError for a file that can't be read or names a theme
    or series that isn't in the files, having written nothing. A missing piece that the
    models refuse (an editor's row is in the way) is skipped and reported in the
    DemoLoad; when resetting, it raises DemoConflict instead and nothing is written.
    """
    loader = _Loader(now=now or timezone.now(), reset=reset, folder=folder)
    themes, series = {}, {}
    theme_files = read_themes(folder)
    # Sections first, so that each theme finds its section's row.
    for data in sorted(theme_files, key=lambda data: "section" in data):
        themes[data["slug"]] = loader.theme(
            data, themes=themes, demo={t["slug"] for t in theme_files}
        )
    for data in read_series(folder):
        series[data["slug"]] = loader.series(data)
    for data in read_articles(folder):
        loader.article(data, themes=themes, series=series)
    for data in read_letters(folder):
        loader.letter(data, themes=themes)
    for data in read_inbox(folder):
        loader.inbox_letter(data)
    about = read_about(folder)
    if about is not None:
        loader.about(about)
    return loader.done


def publication_time(now, data):
    """Published and scheduled pieces get a date `days_ago` before `now`; drafts get none."""
    if data["status"] != PUBLISHED:
        return None
    return now - timedelta(days=data["days_ago"], hours=2)


def rerun_time(now, data):
    """A classic's re-run time, `rerun_days_ago` before `now`; None for other pieces."""
    if "rerun_days_ago" not in data:
        return None
    return now - timedelta(days=data["rerun_days_ago"], hours=1)


def upsert_writer_update(*, letter, data, now):
    """The update the file's letter `data` has from its writer, published
    `update_days_ago` before `now` (received two days earlier), found by its text as
    received (which no editor changes). Returns its outcome, as postbag.upsert's."""
    published = now - timedelta(days=data["update_days_ago"], hours=1)
    _, outcome = upsert(
        LetterUpdate,
        match={"letter": letter, "original_text": data["update"]},
        fields={
            "body": data["update"],
            "status": LetterUpdate.Status.PUBLISHED,
            "published_at": published,
            "received_at": published - timedelta(days=2),
        },
    )
    return outcome


class _Loader:
    """One load's state: the mode, the clock, and what happened so far."""

    def __init__(self, *, now, reset, folder=CONTENT):
        self.now, self.reset, self.done = now, reset, DemoLoad()
        self.folder = folder  # where the texts' drawings are (demo.images)
        self.new_sections = set()  # pks of the sections this load added

    def theme(self, data, *, themes, demo):
        """Load one theme; `themes` maps the slugs loaded so far to their rows (its section
        among them), `demo` is every theme slug in the files.

        A section added now (missing: new to this database, or deleted) brings along its
        themes that are in no section yet; a theme an editor put in a section stays there.
        """
        # By name too: an editor who changed a demo theme's slug still has the theme, and
        # names are unique, so making it again would be refused.
        found = (
            Theme.objects.filter(slug=data["slug"]).first()
            or Theme.objects.filter(name=data["name"]).first()
        )
        section = themes.get(data.get("section"))
        fields = {k: data[k] for k in ("slug", "name", "description")}
        fields["show_crisis_notice"] = data.get("show_crisis_notice", False)
        joins = (
            not self.reset
            and found is not None
            and found.parent_id is None
            and section is not None
            and section.pk in self.new_sections
        )
        if joins:
            fields = {}
        elif self.reset and found is not None and section is not None:
            # A demo theme an editor put under this one is written again later: take it out
            # now, so that this one can go into its section (one level deep).
            found.children.filter(slug__in=demo).update(parent=None)
        row = self._load(
            "theme",
            data["slug"],
            None if joins else found,
            lambda: upsert_theme(
                match={"pk": found.pk} if found else {"slug": data["slug"]},
                fields={**fields, "parent": section},
            ),
        )
        if found is None and row is not None and "section" not in data:
            self.new_sections.add(row.pk)
        return row

    def series(self, data):
        return self._load(
            "series",
            data["slug"],
            Series.objects.filter(slug=data["slug"]).first(),
            lambda: upsert_series(
                match={"slug": data["slug"]},
                fields={"title": data["title"], "description": data["description"]},
            ),
        )

    def article(self, data, *, themes, series):
        part_of = data.get("series")
        if part_of is not None and part_of not in series:
            raise ContentError(f"article {data['slug']}: no series '{part_of}' in series.toml")
        in_series = series.get(part_of)
        fields = {
            "title": data["title"],
            "byline": data["byline"],
            "standfirst": data["standfirst"],
            "body": data["body"],
            "status": data["status"],
            "series": in_series,
            "series_part": data.get("series_part") if in_series else None,
            "content_note": data.get("content_note", ""),
        }
        its_themes = _themes(data, themes)
        found = Article.objects.filter(slug=data["slug"]).first()

        def write():
            # Drawings are uploaded only when the article is written (demo.images).
            kept = found.body if found else ""
            fields["body"] = with_uploads(data["body"], folder=self.folder, kept=kept)
            return upsert_article(
                match={"slug": data["slug"]},
                **self._dates(
                    fields,
                    {
                        "published_at": publication_time(self.now, data),
                        "rerun_at": rerun_time(self.now, data),
                    },
                ),
                themes=its_themes,
            )

        self._load("article", data["slug"], found, write)

    def letter(self, data, *, themes):
        fields = {
            "title": data["title"],
            "original_text": data["original_text"],
            "original_sign_off": data["sign_off_as_received"],
            "body": data["body"],
            "sign_off": data["sign_off"],
            "status": data["status"],
            "content_note": data.get("content_note", ""),
        }
        received = self.now - timedelta(days=max(data["days_ago"], 0) + DAYS_TO_ANSWER)
        dates = {
            "published_at": publication_time(self.now, data),
            "received_at": received,
            "rerun_at": rerun_time(self.now, data),
        }
        its_themes = _themes(data, themes)

        def write():
            row, outcome = upsert_letter(
                match={"slug": data["slug"]},
                **self._dates(fields, dates),
                themes=its_themes,
                reply={"body": data["reply"], "sign_off": data["reply_sign_off"]},
            )
            if "update" in data:
                written = upsert_writer_update(letter=row, data=data, now=self.now)
                if written != UNCHANGED and outcome == UNCHANGED:
                    outcome = UPDATED
            return row, outcome

        self._load("letter", data["slug"], Letter.objects.filter(slug=data["slug"]).first(), write)

    def inbox_letter(self, data):
        # Its text is what an editor can't change, so it finds the letter in any state.
        if Letter.objects.filter(original_text=data["text"]).exists():
            self.done.counts["inbox letter", KEPT] += 1
            return
        submission = submit_letter(text=data["text"], sign_off=data["sign_off"])
        # Backdated after the fact: a reader's letter is always received "now".
        upsert_letter(
            match={"pk": submission.letter.pk},
            fields={"received_at": self.now - timedelta(days=data["days_ago"], hours=3)},
        )
        self.done.counts["inbox letter", CREATED] += 1

    def about(self, data):
        found = ColumnistProfile.objects.filter(pk=1).first()

        def write():
            keys = ("name", "portrait_description", "introduction", "how_to_write")
            fields = {key: data[key] for key in keys}
            # A portrait already there stays (a reset doesn't pile up copies of the file).
            if found is None or not found.portrait:
                with data["portrait"].open("rb") as file:
                    fields["portrait"] = prepared_portrait(file)
            return upsert_columnist_profile(fields=fields)

        self._load("about page", "about", found, write)

    def _dates(self, fields, dates):
        """The upsert's `fields` and `create_fields`: dates are set once, so loading again
        doesn't move them, unless resetting, which counts them back from now again."""
        if self.reset:
            return {"fields": {**fields, **dates}, "create_fields": None}
        return {"fields": fields, "create_fields": dates}

    def _load(self, kind, slug, found, write):
        """Leave `found` (the piece's row, or None) alone unless resetting; otherwise call
        `write()` (an upsert) in a savepoint. Returns the piece's row, or None if skipped."""
        if found is not None and not self.reset:
            self.done.counts[kind, KEPT] += 1
            return found
        try:
            with transaction.atomic():
                row, outcome = write()
        except ValidationError as error:
            reason = f"{kind} {slug}: {' '.join(error.messages)}"
            if self.reset:
                raise DemoConflict(reason) from None
            self.done.counts[kind, SKIPPED] += 1
            self.done.skipped.append(reason)
            return None
        self.done.counts[kind, outcome] += 1
        return row


def _themes(data, themes):
    """The piece's Theme rows; `themes` maps each theme slug in the files to its row, or to
    None for one that couldn't be added (the piece goes without it)."""
    unknown = [slug for slug in data["themes"] if slug not in themes]
    if unknown:
        raise ContentError(f"{data['slug']}: no theme {', '.join(unknown)} in themes.toml")
    return [themes[slug] for slug in data["themes"] if themes[slug] is not None]
