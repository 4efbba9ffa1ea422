"""Letters, replies and articles of realistic length, recombined from demo.generator.words.

Invented place and pet names are drawn from a long, Zipf-skewed tail, so a benchmark finds
words in most letters, in some, and in a handful, as in a real archive.
"""

import itertools
import random

from demo.generator.words import (
    ARTICLE_HEADINGS,
    ARTICLE_SENTENCES,
    ARTICLE_TITLES,
    DOINGS,
    FEELINGS,
    HOBBIES,
    LETTER_QUESTIONS,
    LETTER_SENTENCES,
    LETTER_TITLES,
    PEOPLE,
    REPLY_SENTENCES,
    SIGN_OFF_WORDS,
    STANDFIRSTS,
    SYLLABLES,
    WANTS,
    WHEN,
)


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
        """`template` with each of its slots filled by a word `rng` picks."""
        return template.format_map(Slots(self.tables, rng))


class TextGenerator:
    """Letters, replies and articles of realistic length, from a phrasebook."""

    def __init__(self, phrasebook, rng):
        self.phrasebook = phrasebook
        self.rng = rng

    def fill(self, template):
        """`template` filled in with this generator's random words."""
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
        """A letter as Letter fields: title, body ("Dear Elizabeth, …") and sign-off."""
        # Room left for the salutation, the closing question and one sentence over.
        body = self.paragraphs("letter", self.rng.randint(113, 265))
        body[-1] += " " + self.fill(self.rng.choice(LETTER_QUESTIONS))
        return {
            "title": self.fill(self.rng.choice(LETTER_TITLES)),
            "body": "Dear Elizabeth,\n\n" + "\n\n".join(body),
            "sign_off": self.fill(f"{self.rng.choice(SIGN_OFF_WORDS)} in {{place}}"),
        }

    def reply(self, sign_off):
        """A reply's Markdown, addressed to the letter's `sign_off`."""
        body = self.paragraphs("reply", self.rng.randint(246, 422))
        return f"Dear {sign_off},\n\n" + "\n\n".join(body)

    def article(self):
        """An article as Article fields: title, standfirst and body, with headings."""
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
