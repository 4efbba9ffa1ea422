"""Site search over published letters and articles.

On PostgreSQL, the reader's words are a `websearch` query ("quoted phrase", -word, or)
matched against each letter's and article's stored, weighted `search_vector` (kept current
by triggers: see advice/migrations/0004_search_vector.py), ranked with ts_rank, and each
hit shows a ts_headline excerpt. Nothing is computed from the text at query time except
the excerpts of the page shown.

A word in most of the archive would otherwise mean ranking most of the archive, so each
kind ranks only its CANDIDATES_PER_KIND newest matches, in one query that computes the rank
for those rows only: the work of a search has a bound, whatever the words. The page says
so when a search reaches it.

PostgreSQL leaves out the words its English dictionary counts as too common to mean
anything ("the", "through": its stop words). A search made only of them is no search at
all, and finds nothing; the page then says that the words are too common, rather than
"try another spelling". Asked only when a search finds nothing: one more small query.

On SQLite (development) the fallback is honest and simple: every word must appear in the
title or the text, in any case (of ASCII letters: SQLite's LIKE); newest first; search
syntax is read as plain words; excerpts are cut around the first match. It reads every
row, which is fine for a demo and no good for a large archive. It leaves no word out, so
common words find what holds them, and it never says a word is too common.
"""

import re
from dataclasses import dataclass
from typing import ClassVar, NamedTuple

import nh3
from django import forms
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, FloatField, Func, Q, Value
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe

from pages.mixed import KINDS
from postbag.database import SEARCH_LANGUAGE, is_postgresql
from postbag.text import strip_markup

MAX_QUERY_LENGTH = 200
CANDIDATES_PER_KIND = 1000
CONFIG = SEARCH_LANGUAGE

# Excerpts mark their hits with two private-use characters rather than HTML, so that the
# excerpt can be sanitised as text first and given its <mark> tags last.
START, STOP = "\ue000", "\ue001"
MARKED = re.compile(f"{START}([^{START}{STOP}]*){STOP}")
WORD = re.compile(r"\w+")
LETTER_OR_DIGIT = re.compile(r"[^\W_]")  # \w without the underscore, which is punctuation
EXCERPT_WORDS = 40


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search for",
        required=False,
        max_length=MAX_QUERY_LENGTH,
        widget=forms.SearchInput,
        error_messages={
            "max_length": f"That is a long search: please shorten it to {MAX_QUERY_LENGTH} "
            "characters or fewer (it is %(show_value)d now)."
        },
    )
    kind = forms.ChoiceField(
        label="Show",
        required=False,
        choices=[
            ("", "Letters and articles"),
            ("letter", "Letters only"),
            ("article", "Articles only"),
        ],
    )
    theme = forms.ChoiceField(label="Theme", required=False)

    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        if full_text_available():
            self.fields["q"].help_text = (
                'Put a phrase in "quotes", leave a word out with a minus sign (-wedding), '
                "or find either of two words with or."
            )
        self.themes = {theme.slug: theme for theme in themes}
        self.fields["theme"].choices = [("", "All themes")] + [
            (theme.slug, theme.name) for theme in themes
        ]

    def clean_q(self):
        text = self.cleaned_data["q"]
        if text and not LETTER_OR_DIGIT.search(text):
            raise forms.ValidationError(
                "Please type at least one word: a search made only of punctuation finds nothing."
            )
        return text

    def clean_theme(self):
        return self.themes.get(self.cleaned_data["theme"])


class Row(NamedTuple):
    """A hit before it is loaded: enough to order it and put it on a page."""

    kind: str
    pk: int
    rank: float
    recency: object  # a number on PostgreSQL, the publication time elsewhere


@dataclass(frozen=True)
class Results:
    """The hits of a search as light rows, best first."""

    rows: list
    engine: object
    limit: ClassVar[int] = CANDIDATES_PER_KIND

    @property
    def reached_limit(self):
        """Whether a kind reached CANDIDATES_PER_KIND matches, so older ones may be missing."""
        return any(
            sum(row.kind == kind for row in self.rows) >= CANDIDATES_PER_KIND for kind in KINDS
        )

    @cached_property
    def only_common_words(self):
        """Whether nothing was found because every word was too common to search for."""
        return not self.rows and self.engine.ignores_every_word()

    def load(self, rows):
        """The letters and articles of `rows`, in order, each with an `excerpt` (safe HTML)."""
        loaded = {}
        for kind, model in KINDS.items():
            ids = [row.pk for row in rows if row.kind == kind]
            if ids:
                queryset = self.engine.with_excerpts(model.objects.for_search_hits())
                loaded[kind] = queryset.in_bulk(ids)
        hits = [loaded[row.kind][row.pk] for row in rows]
        for hit in hits:
            hit.excerpt = excerpt_html(self.engine.marked_excerpt(hit))
        return hits


def search(text, *, kind=None, theme=None):
    """Published letters and articles matching `text`, optionally one kind or one theme.

    One query per kind: its newest CANDIDATES_PER_KIND matches with their rank, which the
    database computes for those rows only. The two short lists are merged here.
    """
    engine = FullTextSearch(text) if full_text_available() else WordSearch(text)
    rows = []
    for name, model in KINDS.items():
        if kind and kind != name:
            continue
        queryset = model.objects.published()
        if theme is not None:
            queryset = queryset.filter(themes=theme)
        candidates = (
            engine.matching(queryset)
            .annotate(rank=engine.rank(), recency=engine.recency())
            .order_by("-published_at", "-pk")
            .values_list("pk", "rank", "recency")
        )
        rows += [Row(name, *values) for values in candidates[:CANDIDATES_PER_KIND]]
    rows.sort(key=lambda row: (row.rank, row.recency, row.pk), reverse=True)
    return Results(rows=rows, engine=engine)


def full_text_available():
    """PostgreSQL's full-text search, or the simple fallback (SQLite in development)."""
    return is_postgresql()


class FullTextSearch:
    """PostgreSQL: the stored vectors, websearch syntax, ts_rank and ts_headline."""

    def __init__(self, text):
        self.text = text
        self.query = SearchQuery(text, search_type="websearch", config=CONFIG)

    def ignores_every_word(self):
        """Whether the dictionary left out every word (stop words): an empty query."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT numnode(websearch_to_tsquery(%s::regconfig, %s)) = 0", [CONFIG, self.text]
            )
            return cursor.fetchone()[0]

    def matching(self, queryset):
        return queryset.filter(search_vector=self.query)

    def rank(self):
        return SearchRank(F("search_vector"), self.query)

    def recency(self):
        # A number, not a datetime: loading thousands of timestamps with their time zone
        # cost more than the query itself.
        return Func(
            F("published_at"),
            template="EXTRACT(EPOCH FROM %(expressions)s)::float8",
            output_field=FloatField(),
        )

    def with_excerpts(self, queryset):
        return queryset.annotate(
            headline=SearchHeadline(
                "search_text",
                self.query,
                config=CONFIG,
                start_sel=START,
                stop_sel=STOP,
                # One passage, chosen in fragment mode: the default mode can take twice as
                # long for a rare word.
                max_words=35,
                min_words=15,
                max_fragments=1,
            )
        )

    def marked_excerpt(self, hit):
        return hit.headline


# The text fields the fallback looks in, by kind of content.
SEARCH_FIELDS = {
    "letter": ["title", "body", "reply__body"],
    "article": ["title", "standfirst", "body"],
}


def containing_words(queryset, words):
    """Items of `queryset` whose SEARCH_FIELDS contain every one of `words` (any case)."""
    condition = Q()
    for word in words:
        any_field = Q()
        for field in SEARCH_FIELDS[queryset.model.kind]:
            any_field |= Q(**{f"{field}__icontains": word})
        condition &= any_field
    return queryset.filter(condition)


class WordSearch:
    """SQLite: every word, in any case, in the title or the text."""

    def __init__(self, text):
        self.words = list(dict.fromkeys(word.casefold() for word in WORD.findall(text)))
        self.pattern = re.compile(
            "|".join(re.escape(word) for word in sorted(self.words, key=len, reverse=True)),
            re.IGNORECASE,
        )

    def matching(self, queryset):
        return containing_words(queryset, self.words)

    def ignores_every_word(self):
        """Never: every word is looked for, however common."""
        return False

    def rank(self):
        return Value(0.0, output_field=FloatField())

    def recency(self):
        return F("published_at")

    def with_excerpts(self, queryset):
        return queryset.annotate(excerpt_source=F("search_text"))

    def marked_excerpt(self, hit):
        """About EXCERPT_WORDS words of the text from just before its first hit, marked."""
        words = hit.excerpt_source.split()
        first = next((n for n, word in enumerate(words) if self.pattern.search(word)), 0)
        start = max(0, first - EXCERPT_WORDS // 4)
        end = start + EXCERPT_WORDS
        excerpt = " ".join(words[start:end])
        marked = self.pattern.sub(lambda match: START + match.group() + STOP, excerpt)
        return ("… " if start else "") + marked + (" …" if end < len(words) else "")


def excerpt_html(marked):
    """A marked excerpt of Markdown source as safe HTML: plain text, its hits in <mark>.

    Markup characters are dropped rather than rendered (Python-Markdown takes milliseconds
    an excerpt, a page shows a dozen); nh3, the site's sanitiser, then parses what is left
    as HTML, drops every tag and escapes the text. Only our own <mark> tags are put back.
    """
    text = " ".join(nh3.clean(strip_markup(marked), tags=set()).split())
    text = MARKED.sub(r"<mark>\1</mark>", text)
    return mark_safe(text.replace(START, "").replace(STOP, ""))  # noqa: S308 - escaped above
