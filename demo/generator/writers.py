"""Writes the generated benchmark archive: themes, letters with replies, and articles.

Speed is the point (100,000 letters in under three minutes), so rows go in with
`bulk_create`, in batches, several at once on PostgreSQL, rather than through the content
apps' write functions, which validate and save one row at a time. Everything generated has
a slug starting with PREFIX, which is how `clear_generated` finds it again.
"""

import functools
import itertools
import random
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from advice.models import Letter, Reply, Theme
from articles.models import Article
from demo.generator.text import Phrasebook, TextGenerator
from demo.generator.words import BYLINES, THEME_NAMES
from postbag.database import is_postgresql
from postbag.publishing import PUBLISHED

PREFIX = "gen-"
BATCH_SIZE = 2000
YEARS = 20


def generate(*, letters, articles, themes, clear=False, seed=1, workers=2, on_step=None):
    """Generate `letters` letters (each with a reply), `articles` articles and `themes`
    themes, after deleting what was generated before if `clear`; new numbers follow on from
    what is there. The same `seed` makes the same content, whatever the number of `workers`
    (parallel writers on PostgreSQL; SQLite uses one). `on_step(label, seconds)` is called
    after each step. Raises ValueError as `check_counts` does.
    """
    check_counts(letters=letters, articles=articles, themes=themes)
    if not is_postgresql():
        workers = 1

    def step(label, function, *args):
        started = time.monotonic()
        result = function(*args)
        if on_step:
            on_step(label, time.monotonic() - started)
        return result

    if clear:
        step("Cleared", clear_generated)
    made_themes = step("Themes", make_themes, themes)
    phrasebook = step("Phrasebook", Phrasebook, seed)
    for model, count, write in [
        (Letter, letters, write_letters),
        (Article, articles, write_articles),
    ]:
        start = model.objects.filter(slug__startswith=PREFIX).count()
        batches = [
            range(first, min(first + BATCH_SIZE, start + count))
            for first in range(start, start + count, BATCH_SIZE)
        ]
        context = Generation(
            themes=made_themes,
            phrasebook=phrasebook,
            seed=seed,
            now=timezone.now(),
            numbers=range(start, start + count),
        )
        step(
            f"{count} {model._meta.verbose_name_plural}",
            in_parallel,
            functools.partial(write, context=context),
            batches,
            workers,
        )
    if is_postgresql():
        step("ANALYZE", analyze)


def check_counts(*, letters, articles, themes):
    """Raises ValueError for a negative count, or letters or articles without themes."""
    if min(letters, articles, themes) < 0 or (themes == 0 and letters + articles > 0):
        raise ValueError("Counts can't be negative, and content needs at least one theme.")


@dataclass(frozen=True)
class Generation:
    """What the writers of one kind's batches share."""

    themes: list
    phrasebook: Phrasebook
    seed: int
    now: datetime
    numbers: range

    def random(self, kind, numbers):
        """A generator of its own per batch: the same content whatever the number of writers."""
        return random.Random(f"{self.seed}:{kind}:{numbers.start}")

    def publication(self, n, rng, *, draft_status):
        """About 2% drafts and 1% scheduled; the rest published over the last 20 years, in
        the order they are numbered (with a few hours' jitter), as an archive grows."""
        roll = rng.random()
        if roll < 0.02:
            return {"status": draft_status}
        if roll < 0.03:
            return {
                "status": PUBLISHED,
                "published_at": self.now + timedelta(days=rng.randint(1, 60)),
            }
        age = 1 - (n - self.numbers.start + 0.5) / len(self.numbers)
        ago = timedelta(days=YEARS * 365 * age, hours=rng.uniform(0, 12))
        return {"status": PUBLISHED, "published_at": self.now - ago}


def make_themes(count):
    themes = []
    for n in range(count):
        name = THEME_NAMES[n % len(THEME_NAMES)]
        if n >= len(THEME_NAMES):
            name = f"{name} {n // len(THEME_NAMES) + 1}"
        theme, _ = Theme.objects.get_or_create(
            slug=PREFIX + slugify(name),
            defaults={"name": f"{name} (generated)", "description": f"Letters about {name}."},
        )
        themes.append(theme)
    return themes


# Replies and theme links are written before their letter (the foreign keys are checked at
# commit), so the letter's insert trigger computes its search vector once, complete. The
# other way round, the link and reply triggers would compute every vector twice more.


def write_letters(numbers, *, context):
    rng = context.random("letters", numbers)
    text = TextGenerator(context.phrasebook, rng)
    pick_themes = theme_picker(context.themes, rng)
    letters, replies, links = [], [], []
    for pk, n in zip(reserve_ids(Letter, len(numbers)), numbers, strict=True):
        letter = text.letter()
        letters.append(
            Letter(
                **letter,
                pk=pk,
                slug=f"{PREFIX}{n}-{slugify(letter['title'])}"[:200],
                original_text=letter["body"],
                original_sign_off=letter["sign_off"],
                **context.publication(n, rng, draft_status=Letter.Status.DRAFTED),
            )
        )
        replies.append(Reply(letter_id=pk, body=text.reply(letter["sign_off"])))
        links += [Letter.themes.through(letter_id=pk, theme_id=theme.pk) for theme in pick_themes()]
    Reply.objects.bulk_create(replies)
    Letter.themes.through.objects.bulk_create(links)
    Letter.objects.bulk_create(letters)


def write_articles(numbers, *, context):
    rng = context.random("articles", numbers)
    text = TextGenerator(context.phrasebook, rng)
    pick_themes = theme_picker(context.themes, rng)
    articles, links = [], []
    for pk, n in zip(reserve_ids(Article, len(numbers)), numbers, strict=True):
        article = text.article()
        articles.append(
            Article(
                **article,
                pk=pk,
                slug=f"{PREFIX}{n}-{slugify(article['title'])}"[:200],
                byline=rng.choice(BYLINES),
                **context.publication(n, rng, draft_status=Article.Status.DRAFT),
            )
        )
        links += [
            Article.themes.through(article_id=pk, theme_id=theme.pk) for theme in pick_themes()
        ]
    Article.themes.through.objects.bulk_create(links)
    Article.objects.bulk_create(articles)


def in_parallel(write, batches, workers):
    """write(batch) for every batch, each in a transaction, on `workers` threads.

    Each thread has its own database connection, so one drafts text in Python while the
    database computes another's search vectors: on PostgreSQL that is most of the time.
    """

    def write_in_transaction(batch):
        with transaction.atomic():
            write(batch)

    if workers == 1:
        for batch in batches:
            write_in_transaction(batch)
        return

    def write_on_thread(batch):
        try:
            write_in_transaction(batch)
        finally:
            connection.close()  # this thread's own connection

    with ThreadPoolExecutor(max_workers=workers) as pool:
        for _ in pool.map(write_on_thread, batches):
            pass


def theme_picker(themes, rng):
    """Picks one to three themes, skewed so that the first few are common."""
    weights = list(itertools.accumulate(1 / (rank + 1) ** 0.9 for rank in range(len(themes))))
    return lambda: set(rng.choices(themes, cum_weights=weights, k=rng.randint(1, 3)))


def reserve_ids(model, count):
    """`count` new primary keys for `model`, so rows that point to it can be written first."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if is_postgresql():
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, count],
            )
            return [pk for (pk,) in cursor.fetchall()]
        # SQLite: one writer, inside its transaction.
        cursor.execute(f"SELECT coalesce(max(id), 0) FROM {connection.ops.quote_name(table)}")
        (last,) = cursor.fetchone()
        return list(range(last + 1, last + 1 + count))


@transaction.atomic
def clear_generated():
    """Delete generated content, with the search triggers off while it goes.

    Django deletes replies and theme links before their letter; with the triggers on, each
    of those deletes would recompute the vector of a letter about to go. The ALTERs are
    part of the transaction: an error rolls them back too.
    """
    tables = [
        Letter.themes.through._meta.db_table,
        Reply._meta.db_table,
        Article.themes.through._meta.db_table,
    ]
    postgresql = is_postgresql()
    if postgresql:
        with connection.cursor() as cursor:
            # PostgreSQL won't alter a table with foreign-key checks pending: Django defers
            # them to the commit, so run them now (and defer them again at the end).
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            alter_triggers(cursor, tables, "DISABLE")
    Letter.objects.filter(slug__startswith=PREFIX).delete()
    Article.objects.filter(slug__startswith=PREFIX).delete()
    Theme.objects.filter(slug__startswith=PREFIX).delete()
    if postgresql:
        with connection.cursor() as cursor:
            alter_triggers(cursor, tables, "ENABLE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def alter_triggers(cursor, tables, action):
    for table in tables:
        # USER: the search triggers only, never the foreign-key constraint triggers.
        cursor.execute(f"ALTER TABLE {connection.ops.quote_name(table)} {action} TRIGGER USER")


def analyze():
    """Fresh planner statistics: the search plans depend on them."""
    models = [Letter, Reply, Letter.themes.through, Article, Article.themes.through, Theme]
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
