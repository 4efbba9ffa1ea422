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

On SQLite (development, the demo, a small site) each kind has an FTS5 index with the same
three weighted columns, kept current by triggers (advice/migrations/0009_sqlite_search,
articles/migrations/0006_sqlite_search). Readers use the same syntax, translated by
fts5_query so that nothing they type is FTS5 syntax; each kind ranks its CANDIDATES_PER_KIND
newest matches (newest by id there: see Fts5Search) with bm25(); excerpts come from
snippet() with the same markers, so excerpt_html sanitises both engines' excerpts alike.
FTS5 has no stop words, folds diacritics and uses the Porter stemmer: the README's "Search"
says what differs.
"""

import re
from dataclasses import dataclass
from typing import ClassVar, NamedTuple

from django import forms
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, FloatField, Func, Value
from django.db.models.expressions import RawSQL
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import mark_safe

from pages.mixed import KINDS, about_theme
from postbag.database import SEARCH_LANGUAGE, is_postgresql
from postbag.text import plain_text

MAX_QUERY_LENGTH = 200
CANDIDATES_PER_KIND = 1000
CONFIG = SEARCH_LANGUAGE

# Excerpts mark their hits with two private-use characters rather than HTML, so that the
# excerpt can be sanitised as text first and given its <mark> tags last.
START, STOP = "\ue000", "\ue001"
MARKED = re.compile(f"{START}([^{START}{STOP}]*){STOP}")
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
    recency: float  # the publication time as a number (seconds or days)


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
    engine = FullTextSearch(text) if is_postgresql() else Fts5Search(text)
    rows = []
    for name, model in KINDS.items():
        if kind and kind != name:
            continue
        queryset = model.objects.published()
        if theme is not None:  # a section's search takes in its themes (mixed.about_theme)
            queryset = about_theme(queryset, theme, section=True)
        # A rank or time the database gave as NULL (bm25 can) counts as the least, so that
        # sorting and "a share of the best" never meet None.
        rows += [
            Row(name, pk, rank or 0.0, recency or 0.0)
            for pk, rank, recency in engine.candidates(queryset, CANDIDATES_PER_KIND)
        ]
    rows.sort(key=lambda row: (row.rank, row.recency, row.pk), reverse=True)
    return Results(rows=rows, engine=engine)


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

    def candidates(self, queryset, limit):
        """(pk, rank, recency) of the newest `limit` items of `queryset` that match."""
        # Recency is a number, not a datetime: loading thousands of timestamps with their
        # time zone cost more than the query itself.
        recency = Func(
            F("published_at"),
            template="EXTRACT(EPOCH FROM %(expressions)s)::float8",
            output_field=FloatField(),
        )
        return list(
            queryset.filter(search_vector=self.query)
            .annotate(rank=SearchRank(F("search_vector"), self.query), recency=recency)
            .order_by("-published_at", "-pk")
            .values_list("pk", "rank", "recency")[:limit]
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


# A reader's term, as websearch reads it: a minus sign or not, then a "quoted phrase" (to the
# end of the search if the quote is never closed) or a word.
READER_TERM = re.compile(r'(-?)(?:"([^"]*)"?|([^\s"]+))')


class Fts5Query(NamedTuple):
    """A reader's search as FTS5 MATCH expressions: what to find, or what to leave out.

    `match` finds. When it is None, the search is every row that `exclude` does not match,
    or nothing when `exclude` is None too (nothing searchable was typed).
    """

    match: str | None
    exclude: str | None = None


def fts5_string(text):
    """`text` as an FTS5 string: a literal phrase whatever it holds (the tokenizer splits
    it into words), its double quotes doubled."""
    return '"' + text.replace('"', '""') + '"'


def fts5_query(text):
    """The reader's `text` (websearch syntax, as on PostgreSQL) as an Fts5Query.

    Every word and "quoted phrase" becomes an FTS5 string, in which nothing is syntax: no
    input can be an FTS5 syntax error or reach FTS5's own operators (NEAR, column filters,
    prefix *, initial ^). Words must all be there, -word and -"a phrase" must not; `or`
    binds looser than the terms beside it, as in websearch_to_tsquery: `a b or c` is
    (a AND b) OR c; a leading, trailing or repeated `or` is ignored. Terms without a letter
    or a digit are dropped: an empty FTS5 string would make the whole search find nothing.

    FTS5's NOT needs something on its left, so a group made only of excluded terms
    (`-wedding`, or the first group of `-wedding or sister`) can't be matched; its
    complement can. Such a search is what `exclude` does not match: `-a -b or c` finds what
    `(a OR b) NOT (c)` does not.
    """
    groups = [[]]
    for term in READER_TERM.finditer(text):
        minus, phrase, word = term.groups()
        if phrase is None and not minus and word.casefold() == "or":
            groups.append([])
            continue
        words = word if phrase is None else phrase
        if LETTER_OR_DIGIT.search(words):
            groups[-1].append((bool(minus), fts5_string(words)))
    groups = [group for group in groups if group]
    found = [group for group in groups if not all(excluded for excluded, _ in group)]
    left_out = [group for group in groups if all(excluded for excluded, _ in group)]

    def conjunction(group):
        wanted = " AND ".join(string for excluded, string in group if not excluded)
        return f"({wanted})" + "".join(f" NOT {string}" for excluded, string in group if excluded)

    either = " OR ".join(f"({conjunction(group)})" for group in found)
    if not left_out:
        return Fts5Query(match=either or None)
    exclude = " AND ".join(f"({' OR '.join(string for _, string in group)})" for group in left_out)
    return Fts5Query(match=None, exclude=f"{exclude} NOT ({either})" if either else exclude)


# FTS5's bm25() weighs each column as PostgreSQL's ts_rank weighs A, B and C by default: the
# title, the theme names, the text. Each kind's index is its table's name plus "_fts", and
# "_fts_lookup" a covering index of id, status and publication time (advice/migrations/
# 0009_sqlite_search, articles/migrations/0006_sqlite_search).
FTS5_WEIGHTS = "1.0, 0.4, 0.2"
FTS5_TEXT_COLUMN = 2


class Fts5Search:
    """SQLite: each kind's FTS5 index, websearch syntax, bm25() and snippet().

    Like FullTextSearch, each kind ranks only its CANDIDATES_PER_KIND newest matches, in one
    statement per kind, computing bm25() for those rows only; but newest by id, the order
    items were added, because that is the order of FTS5's own index: it hands the matches
    over newest first and stops at the last candidate. Newest by publication means
    gathering every match to sort it, or walking the listing index against that set: at
    100,000 letters, up to three times slower for a broad search (measured). The two orders
    differ only for items added out of order (an import of old letters), and only matter
    for searches that reach the bound.
    """

    def __init__(self, text):
        self.query = fts5_query(text)

    def ignores_every_word(self):
        """Never: FTS5 has no stop words, so every word is looked for, however common."""
        return False

    @staticmethod
    def index(model, suffix="_fts"):
        """The quoted name of `model`'s FTS5 index (or of its table plus `suffix`)."""
        return connection.ops.quote_name(f"{model._meta.db_table}{suffix}")

    def candidates(self, queryset, limit):
        """(pk, rank, recency) of the newest `limit` items of `queryset` that match."""
        if self.query.match is not None:
            with connection.cursor() as cursor:
                cursor.execute(*self.candidates_sql(queryset, limit))
                return cursor.fetchall()
        if self.query.exclude is None:
            return []
        index = self.index(queryset.model)
        excluded = RawSQL(f"SELECT rowid FROM {index} WHERE {index} MATCH %s", [self.query.exclude])
        # Newest by publication here: the listing index gives that order as it is read.
        rows = queryset.exclude(pk__in=excluded).order_by(*queryset.model._meta.ordering)
        rows = rows.annotate(
            rank=Value(0.0, output_field=FloatField()),
            recency=Func(F("published_at"), function="julianday", output_field=FloatField()),
        )
        return list(rows.values_list("pk", "rank", "recency")[:limit])

    def candidates_sql(self, queryset, limit):
        """The statement that ranks the newest `limit` matches of `queryset`, its parameters.

        Each match is checked against `queryset` (publication, filters) by id, in the
        migration's covering index rather than in the table's wide rows. bm25() gathers
        each word's statistics once, in a pass over the word's whole list: most of the time
        of a common word.
        """
        model = queryset.model
        index, table = self.index(model), connection.ops.quote_name(model._meta.db_table)
        held, held_params = (
            queryset.filter(pk=RawSQL(f"{index}.rowid", []))
            .order_by()
            .values("published_at")
            .query.sql_with_params()
        )
        lookup = self.index(model, "_fts_lookup")
        held = held.replace(f"FROM {table} ", f"FROM {table} INDEXED BY {lookup} ", 1)
        statement = (
            f"SELECT {index}.rowid, -bm25({index}, {FTS5_WEIGHTS}), julianday(({held})) "
            f"FROM {index} WHERE {index} MATCH %s AND EXISTS ({held}) "
            f"ORDER BY {index}.rowid DESC LIMIT {limit}"
        )
        return statement, [*held_params, self.query.match, *held_params]

    def with_excerpts(self, queryset):
        """`queryset` with a `headline`: snippet()'s marked excerpt, or the whole text."""
        if self.query.match is None:
            return queryset.annotate(headline=F("search_text"))
        index = self.index(queryset.model)
        table = connection.ops.quote_name(queryset.model._meta.db_table)
        # Cut from the text column, which the migration's view assembles as search_text is.
        snippet = RawSQL(
            f"SELECT snippet({index}, {FTS5_TEXT_COLUMN}, %s, %s, ' … ', %s) FROM {index} "
            f"WHERE {index} MATCH %s AND {index}.rowid = {table}.id",
            [START, STOP, EXCERPT_WORDS, self.query.match],
        )
        return queryset.annotate(headline=snippet)

    def marked_excerpt(self, hit):
        """About EXCERPT_WORDS words of `hit`'s text, its matches between START and STOP."""
        if self.query.match is None:  # nothing to mark: the opening words
            words = hit.headline.split()
            return " ".join(words[:EXCERPT_WORDS]) + (" …" if len(words) > EXCERPT_WORDS else "")
        return hit.headline


def excerpt_html(marked):
    """A marked excerpt of Markdown source as safe HTML: plain text, its hits in <mark>.

    Markup characters are dropped rather than rendered (a page shows a dozen excerpts, and
    the words are all they need); nh3, the site's sanitiser, parses what is left as HTML
    and drops every tag (postbag.text.plain_text), the quotes and dashes become the curly
    ones and dashes the page shows, and the text is escaped. Only our own <mark> tags are
    put back.
    """
    text = escape(plain_text(marked))
    text = MARKED.sub(r"<mark>\1</mark>", text)
    return mark_safe(text.replace(START, "").replace(STOP, ""))  # noqa: S308 - escaped above
