"""Generate a large, realistic-looking archive for benchmarks (bench/README.md).

All text is recombined from sentence templates written for this project, with slots filled
from word lists. Invented place and pet names are drawn from a long, Zipf-skewed tail, so a
benchmark finds words in most letters, in some, and in a handful, as in a real archive.
"""

import functools
import itertools
import random
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from advice.models import Letter, Reply, Theme
from articles.models import Article
from postbag.publishing import PUBLISHED

PREFIX = "gen-"
BATCH_SIZE = 2000
YEARS = 20

THEME_NAMES = [
    "Friendship", "Rejection", "Self-worth", "Family", "Breakups", "One-sided effort",
    "Jealousy", "Loneliness", "Dating", "Marriage", "Boundaries", "Work", "Parenting",
    "In-laws", "Money", "Trust", "Infidelity", "Moving on", "Confidence", "Anxiety",
    "Siblings", "Divorce", "Ageing parents", "Body image", "Social media", "Grief",
    "Forgiveness", "New beginnings", "Long distance", "Neighbours", "Weddings",
    "Christmas", "Retirement", "Step-families", "Flatmates", "Ghosting", "Secrets",
    "Apologies", "Old flames", "Starting over",
]  # fmt: skip

PEOPLE = [
    "my sister", "my brother", "my mum", "my dad", "my best friend", "my husband", "my wife",
    "my boyfriend", "my girlfriend", "my partner", "my flatmate", "my boss", "a colleague",
    "my oldest friend", "my mother-in-law", "my son", "my daughter", "my neighbour", "my ex",
    "my stepdad", "my cousin", "my fiancé", "a friend from school", "my manager", "my nan",
    "my twin", "my godmother", "my landlord", "a man I met online", "a woman from choir",
]  # fmt: skip
FEELINGS = [
    "invisible", "taken for granted", "second best", "exhausted", "ashamed", "furious",
    "lonely", "anxious", "stupid", "jealous", "hurt", "relieved", "guilty", "numb", "trapped",
    "resentful", "embarrassed", "heartbroken", "unwanted", "confused", "hopeful", "restless",
]  # fmt: skip
WHEN = [
    "Last summer", "Two years ago", "At Christmas", "Since the wedding", "Over lockdown",
    "Every Sunday", "For as long as I can remember", "Three weeks ago", "On my birthday",
    "When we moved house", "After the funeral", "Before the baby came", "In the spring",
    "Most evenings", "On holiday last year", "Since I changed jobs",
]  # fmt: skip
DOINGS = [
    "forgot my birthday", "cancelled on me again", "told everyone my news before I could",
    "stopped replying to my messages", "laughed when I said I was struggling",
    "asked to borrow money", "moved in with someone new", "went quiet for a month",
    "invited everyone but me", "criticised how I raise my children", "read my diary",
    "took the credit for my work", "said I was too sensitive", "left the party without me",
    "booked a holiday without asking", "posted photos I had asked them not to",
    "turned up an hour late", "made a joke about my weight", "ended things by text",
    "never once asked how I was", "spent the whole evening on their phone",
]  # fmt: skip
WANTS = [
    "say something", "let it go", "walk away", "ask for an apology", "start again",
    "tell the truth", "move out", "stop making the effort", "see a counsellor",
    "find new friends", "forgive them", "keep the peace", "stand up for myself",
]  # fmt: skip
HOBBIES = [
    "choir", "allotment", "netball", "pottery", "sourdough", "book club", "parkrun",
    "wild swimming", "crochet", "the pub quiz", "salsa classes", "birdwatching", "chess",
    "the ukulele", "amateur dramatics", "cycling", "bell ringing", "beekeeping", "karaoke",
    "life drawing", "rock climbing", "the school run", "volunteering at the food bank",
    "cribbage", "bouldering", "calligraphy", "orienteering", "taxidermy", "dry stone walling",
]  # fmt: skip
SIGN_OFF_WORDS = [
    "Confused", "Tired", "Hurt", "Lost", "Fed Up", "Hopeful", "Invisible", "Stuck", "Worried",
    "Done", "Torn", "Quietly Furious", "Second Best", "Always Waiting",
]  # fmt: skip
BYLINES = ["Elizabeth Hart", "Sam Okafor", "Priya Nair", "Tom Reilly", "Hannah Lowe"]

LETTER_SENTENCES = [
    "{when}, {person} {doing}, and I haven't been able to stop thinking about it.",
    "I have known {person} for {years} years and I thought we were close.",
    "It sounds small when I write it down, but I feel {feeling}.",
    "{when} {person} {doing}.",
    "I met them at {hobby} in {place}, and for a while it was the best thing in my life.",
    "We grew up together in {place}, so this isn't a friendship I can easily replace.",
    "My friends say I should {want}, but they don't know the whole story.",
    "Part of me wants to {want}; the other part is scared of what happens if I do.",
    "I keep going over it at three in the morning.",
    "I'm {age} and I feel too old to be this upset about it.",
    "When I tried to talk about it, {person} changed the subject.",
    "I've started to wonder whether the problem is me.",
    "We even had a dog called {pet} together, and the dog still lives with them.",
    "Everyone else seems to think it's fine, which makes me feel {feeling}.",
    "I do all the inviting, all the remembering and all the apologising.",
    "I don't want to lose them, but I can't keep feeling {feeling}.",
    "Since {person} {doing}, I've stopped going to {hobby}.",
    "The worst part is that nobody noticed how {feeling} I was.",
    "I moved to {place} for work and I don't really know anyone here yet.",
    "I have tried to be patient, and I have tried to be honest, and neither has worked.",
    "It isn't the first time, and that's what frightens me.",
    "I was brought up to keep the peace, so saying how I feel doesn't come naturally.",
]  # fmt: skip
LETTER_QUESTIONS = [
    "Should I {want}, or am I overreacting?",
    "How do I {want} without making everything worse?",
    "Is it unreasonable to feel {feeling}?",
    "What would you do in my place?",
    "Do I {want}, or just wait and see?",
    "How do I stop feeling {feeling}?",
]  # fmt: skip
REPLY_SENTENCES = [
    "First, you are not overreacting: feeling {feeling} after that makes complete sense.",
    "What you describe is a pattern, not a one-off, and patterns deserve to be named.",
    "You have been carrying this relationship on your own for a long time.",
    "It is worth asking what you would say to a friend who wrote this letter to you.",
    "People who care about us can still let us down; both things can be true at once.",
    "You don't need a perfect speech, just one honest sentence and a calm moment to say it.",
    "Try telling {person} how it felt, rather than listing everything they did wrong.",
    "If the answer is defensive, that tells you something, and so does a kind one.",
    "Notice how much of your letter is about their feelings and how little about yours.",
    "You are allowed to {want}, even if it disappoints someone.",
    "Going back to {hobby} might be a good place to start: it was yours before any of this.",
    "Small steps count, and they add up faster than you think.",
    "Boundaries are not punishments; they are information about what you need.",
    "It may help to talk this through with a counsellor, who can hold the whole picture.",
    "Give it a few weeks and watch what people do, not what they promise.",
    "Being the one who always makes the effort is exhausting, and it is fair to stop.",
    "Your worth was never up for negotiation, whatever happened in {place}.",
    "Grief can arrive for friendships and families as well as for people who have died.",
    "Write down what you want the next year to look like, and who is in it.",
    "You sound like someone who gives a great deal; make sure some of it comes back.",
    "There is no rule that says you have to decide everything today.",
    "Whatever you choose, choose it on purpose rather than out of fear.",
]  # fmt: skip
ARTICLE_SENTENCES = [
    "Most of the letters that arrive in this postbag are, underneath, about being seen.",
    "A friendship where one person does all the work is not a friendship in balance.",
    "Researchers who study loneliness describe it as a signal, like hunger or thirst.",
    "It is easy to mistake a habit of pleasing people for kindness.",
    "The first conversation is usually the hardest, and it rarely goes as badly as we fear.",
    "When {person} {doing}, the hurt is often less about the event than what it seemed to mean.",
    "Feeling {feeling} is not a character flaw; it is a reasonable response to a situation.",
    "Readers often ask whether they should {want}; the honest answer is that it depends.",
    "One reader from {place} described it as living in a house with the lights half on.",
    "Taking up something like {hobby} will not fix a relationship, but it rebuilds a self.",
    "We tend to remember the times we were let down more vividly than the times we were held.",
    "Boundaries work best when they are stated once, clearly, and then kept.",
    "Apologies that come with conditions are negotiations, not apologies.",
    "Family roles are learned early and can be unlearned slowly.",
    "It helps to separate what someone meant from what their actions cost you.",
    "There is a difference between giving people the benefit of the doubt and ignoring evidence.",
    "Change in one person often forces change in the people around them.",
    "Not every relationship needs to end; some just need to become smaller.",
]  # fmt: skip
ARTICLE_HEADINGS = [
    "What the letters say", "Why it hurts", "The first conversation", "Drawing the line",
    "When nothing changes", "Looking after yourself", "What comes next", "A note on guilt",
]  # fmt: skip
STANDFIRSTS = [
    "Why feeling {feeling} is a signal, not a verdict, and what to do with it.",
    "What to say when {person} {doing}, and how to know if it is time to {want}.",
    "A guide for anyone who has ever wondered whether they should {want}.",
    "Readers' letters about being {feeling}, and what they taught us.",
]  # fmt: skip
LETTER_TITLES = [
    "{Person} {doing}", "Should I {want}?", "I feel {feeling} and I don't know why",
    "{Person} {doing} and I can't let it go", "Is it time to {want}?",
    "Since {person} {doing}, I feel {feeling}", "I'm {age} and I feel {feeling}",
]  # fmt: skip
ARTICLE_TITLES = [
    "On being {feeling}", "When {person} {doing}", "How to {want}",
    "The art of feeling less {feeling}", "Why we find it so hard to {want}",
    "Notes on {hobby} and starting again",
]  # fmt: skip

SYLLABLES = [
    "bran", "tol", "mer", "wick", "ash", "by", "ford", "ley", "ham", "ton", "den", "wor", "sel",
    "kin", "dale", "mar", "pen", "rith", "gar", "low", "thorn", "bel", "cot", "fen", "hol",
]  # fmt: skip


def zipf_table(words, exponent):
    """`words` with cumulative Zipf weights for random.choices: the first is the commonest."""
    weights = itertools.accumulate(1 / (rank + 1) ** exponent for rank in range(len(words)))
    return words, list(weights)


class Slots(dict):
    """The words for one sentence, each chosen when the template first asks for it."""

    LISTS = {"person": PEOPLE, "when": WHEN, "doing": DOINGS, "feeling": FEELINGS, "want": WANTS}

    def __init__(self, tables, rng):
        super().__init__()
        self.tables = tables
        self.rng = rng

    def __missing__(self, slot):
        if slot == "Person":
            value = self["person"][0].upper() + self["person"][1:]
        elif slot in self.tables:
            words, cum_weights = self.tables[slot]
            value = self.rng.choices(words, cum_weights=cum_weights)[0]
        elif slot == "years":
            value = self.rng.randint(2, 30)
        elif slot == "age":
            value = self.rng.randint(19, 78)
        else:
            value = self.rng.choice(self.LISTS[slot])
        self[slot] = value
        return value


class Phrasebook:
    """Filled-in sentences, made once per seed and shared by every batch.

    Filling a template is most of the cost of a text, so each kind of text draws from a
    pool of sentences filled in advance: a rare invented name ends up in a handful of
    letters, a common one in thousands.
    """

    POOL_SIZE = 100_000

    def __init__(self, seed):
        rng = random.Random(seed)
        names = sorted(
            {(a + b + c).capitalize() for a in SYLLABLES for b in SYLLABLES for c in SYLLABLES}
        )
        rng.shuffle(names)
        self.tables = {
            "place": zipf_table(names[:5000], 1.0),
            "pet": zipf_table(names[5000:7000], 1.0),
            "hobby": zipf_table(HOBBIES, 0.8),
        }
        self.pools = {}
        for kind, templates in [
            ("letter", LETTER_SENTENCES),
            ("reply", REPLY_SENTENCES),
            ("article", ARTICLE_SENTENCES),
        ]:
            sentences = [self.fill(rng.choice(templates), rng) for _ in range(self.POOL_SIZE)]
            self.pools[kind] = [(sentence, len(sentence.split())) for sentence in sentences]

    def fill(self, template, rng):
        return template.format_map(Slots(self.tables, rng))


class TextGenerator:
    """Letters, replies and articles of realistic length, from a phrasebook."""

    def __init__(self, phrasebook, rng):
        self.phrasebook = phrasebook
        self.rng = rng

    def fill(self, template):
        return self.phrasebook.fill(template, self.rng)

    def paragraphs(self, kind, words, per_paragraph=(2, 4)):
        """Paragraphs of pooled sentences, about `words` long (one sentence over at most)."""
        pool = self.phrasebook.pools[kind]
        paragraphs, paragraph, count = [], [], 0
        size = self.rng.randint(*per_paragraph)
        while count < words:
            sentence, length = self.rng.choice(pool)
            paragraph.append(sentence)
            count += length
            if len(paragraph) == size or count >= words:
                paragraphs.append(" ".join(paragraph))
                paragraph, size = [], self.rng.randint(*per_paragraph)
        return paragraphs

    def letter(self):
        # Room left for the salutation, the closing question and one sentence over.
        body = self.paragraphs("letter", self.rng.randint(113, 265))
        body[-1] += " " + self.fill(self.rng.choice(LETTER_QUESTIONS))
        return {
            "title": self.fill(self.rng.choice(LETTER_TITLES)),
            "body": "Dear Elizabeth,\n\n" + "\n\n".join(body),
            "sign_off": self.fill(f"{self.rng.choice(SIGN_OFF_WORDS)} in {{place}}"),
        }

    def reply(self, sign_off):
        body = self.paragraphs("reply", self.rng.randint(246, 422))
        return f"Dear {sign_off},\n\n" + "\n\n".join(body)

    def article(self):
        paragraphs = self.paragraphs("article", self.rng.randint(496, 862), (3, 5))
        for position in range(3, len(paragraphs), 4):
            paragraphs[position] = (
                f"## {self.rng.choice(ARTICLE_HEADINGS)}\n\n*{paragraphs[position]}*"
            )
        return {
            "title": self.fill(self.rng.choice(ARTICLE_TITLES)),
            "standfirst": self.fill(self.rng.choice(STANDFIRSTS)),
            "body": "\n\n".join(paragraphs),
        }


class Command(BaseCommand):
    help = (
        "For benchmarks only: generate letters (with replies), articles and themes of "
        "realistic length, published over 20 years, with slugs starting 'gen-'; --clear first "
        "deletes what was generated before. On PostgreSQL several writers work in parallel, "
        "each batch in its own transaction: an interrupted run leaves whole batches behind, "
        "which --clear removes. Run it on a benchmark database, not on a live site."
    )

    def add_arguments(self, parser):
        parser.add_argument("--letters", type=int, default=1000)
        parser.add_argument("--articles", type=int, default=100)
        parser.add_argument("--themes", type=int, default=30)
        parser.add_argument("--clear", action="store_true", help="Delete generated content first.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (repeatable runs).")
        parser.add_argument(
            "--workers",
            type=int,
            default=2,
            help="Parallel writers on PostgreSQL (about one per CPU core); SQLite uses one.",
        )

    def handle(self, *args, letters, articles, themes, clear, seed, workers, **options):
        if min(letters, articles, themes) < 0 or (themes == 0 and letters + articles > 0):
            raise CommandError("Counts can't be negative, and content needs at least one theme.")
        if connection.vendor != "postgresql":
            workers = 1
        started = time.monotonic()
        if clear:
            self.step("Cleared", clear_generated)
        made_themes = self.step("Themes", make_themes, themes)
        phrasebook = self.step("Phrasebook", Phrasebook, seed)
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
            self.step(
                f"{count} {model._meta.verbose_name_plural}",
                in_parallel,
                functools.partial(write, context=context),
                batches,
                workers,
            )
        if connection.vendor == "postgresql":
            self.step("ANALYZE", analyze)
        self.stdout.write(f"Done in {time.monotonic() - started:.1f} s.")

    def step(self, label, function, *args):
        started = time.monotonic()
        result = function(*args)
        self.stdout.write(f"{label}: {time.monotonic() - started:.1f} s")
        return result


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
                **context.publication(n, rng, draft_status=Letter.Status.ANSWERED),
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
        if connection.vendor == "postgresql":
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
    postgresql = connection.vendor == "postgresql"
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
