"""Site search: full text on both databases (PostgreSQL's vectors, SQLite's FTS5 indexes),
ranked, with the websearch syntax, kept current by triggers; the same expectations on both
wherever both meet them; and a page that explains bad input instead of failing."""

import random
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from advice.models import Letter, Reply
from articles.models import Article
from pages import search as site_search
from pages.search import search
from tests import factories
from tests.support import public_pages

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="what PostgreSQL's full-text search alone does"
)
sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="what FTS5 alone does")


def titles(text, **filters):
    """Titles of the hits for `text`, best first."""
    results = search(text, **filters)
    return [hit.title for hit in results.load(results.rows)]


def page(client, **params):
    response = client.get(reverse("search"), params)
    return response, response.content.decode()


# --- What is found, on every database ---------------------------------------------------


def test_only_published_letters_and_articles_are_found():
    factories.letter(title="Published marmalade letter")
    factories.letter(title="Drafted marmalade letter", status=Letter.Status.DRAFTED)
    factories.letter(
        title="Scheduled marmalade letter", published_at=timezone.now() + timedelta(days=2)
    )
    factories.article(title="Published marmalade article")
    factories.article(title="Draft marmalade article", status=Article.Status.DRAFT)
    factories.article(
        title="Scheduled marmalade article", published_at=timezone.now() + timedelta(hours=1)
    )
    assert sorted(titles("marmalade")) == [
        "Published marmalade article",
        "Published marmalade letter",
    ]


def test_finds_words_in_the_reply_and_the_article_body():
    factories.letter(title="A letter", reply="Try the allotment on Sundays.")
    factories.article(title="An article", body="Nothing grows like an allotment friendship.")
    assert sorted(titles("allotment")) == ["A letter", "An article"]


def test_filters_by_kind_and_by_theme():
    grief, money = factories.theme(name="Grief"), factories.theme(name="Money")
    factories.letter(title="Letter about grief and the garden", themes=[grief])
    factories.letter(title="Letter about money and the garden", themes=[money])
    factories.article(title="Article about the garden", themes=[grief])
    assert sorted(titles("garden", kind="letter")) == [
        "Letter about grief and the garden",
        "Letter about money and the garden",
    ]
    assert titles("garden", kind="article") == ["Article about the garden"]
    assert sorted(titles("garden", theme=grief)) == [
        "Article about the garden",
        "Letter about grief and the garden",
    ]


def test_each_kind_ranks_only_its_newest_candidates(monkeypatch):
    monkeypatch.setattr(site_search, "CANDIDATES_PER_KIND", 3)
    for days in range(5, 0, -1):  # added in the order they were published
        factories.letter(title=f"Pottery letter {days}", days_ago=days)
    factories.article(title="Pottery article")
    results = search("pottery")
    assert sorted(titles("pottery")) == [
        "Pottery article",
        "Pottery letter 1",
        "Pottery letter 2",
        "Pottery letter 3",
    ]
    assert results.reached_limit


@sqlite_only
def test_on_sqlite_newest_candidates_are_the_last_added(monkeypatch):
    """FTS5 hands matches over by id: see Fts5Search. PostgreSQL takes the latest published."""
    monkeypatch.setattr(site_search, "CANDIDATES_PER_KIND", 2)
    for days in [1, 2, 3]:  # the newest was added first, as an import of old letters does
        factories.letter(title=f"Pottery letter {days}", days_ago=days)
    assert titles("pottery") == ["Pottery letter 2", "Pottery letter 3"]


def test_the_excerpt_marks_hits_and_lets_no_content_html_through():
    factories.letter(
        title="Strong words",
        body="Dear Elizabeth, <b>bold</b> <script>alert(1)</script> my <em>marmalade</em> "
        "went wrong & <img src=x onerror=alert(2)> everyone laughed.",
    )
    (hit,) = search("marmalade").load(search("marmalade").rows)
    assert "<mark>marmalade</mark>" in hit.excerpt
    assert "&amp;" in hit.excerpt
    without_marks = hit.excerpt.replace("<mark>", "").replace("</mark>", "")
    assert "<" not in without_marks and ">" not in without_marks
    assert "onerror" not in hit.excerpt


def test_generated_benchmark_content_is_searchable_and_can_be_cleared():
    call_command("generate_content", letters=30, articles=5, themes=4, workers=1, verbosity=0)
    generated = Letter.objects.filter(slug__startswith="gen-")
    assert generated.count() == 30 and Reply.objects.filter(letter__in=generated).count() == 30
    assert search("Elizabeth", kind="letter").rows
    call_command("generate_content", letters=0, articles=0, themes=0, clear=True, verbosity=0)
    assert not Letter.objects.filter(slug__startswith="gen-").exists()


# --- Ranking and syntax, on every database ---------------------------------------------


def test_a_title_match_outranks_a_theme_match_which_outranks_a_body_match():
    factories.letter(title="Nothing here", body="Dear Elizabeth, my sister is jealous.", days_ago=1)
    factories.letter(
        title="Nothing there either", themes=[factories.theme(name="Jealous")], days_ago=2
    )
    factories.letter(title="Jealous of my sister", days_ago=3)
    assert titles("jealous") == ["Jealous of my sister", "Nothing there either", "Nothing here"]


def test_websearch_syntax_quotes_minus_and_or():
    factories.letter(title="My best friend moved away")
    factories.letter(title="The best thing my friend did")
    factories.letter(title="A wedding without my sister")
    assert titles('"best friend"') == ["My best friend moved away"]
    assert titles("best -moved") == ["The best thing my friend did"]
    assert titles('best -"friend moved"') == ["The best thing my friend did"]
    assert sorted(titles("moved or wedding")) == [
        "A wedding without my sister",
        "My best friend moved away",
    ]
    assert sorted(titles("MOVED OR wedding")) == sorted(titles("moved or wedding"))
    # "or" binds looser than the words beside it: (best and thing) or wedding.
    assert sorted(titles("best thing or wedding")) == [
        "A wedding without my sister",
        "The best thing my friend did",
    ]


def test_a_search_of_only_left_out_words_finds_everything_else():
    factories.letter(title="My best friend moved away", days_ago=3)
    factories.letter(title="The best thing my friend did", days_ago=2)
    factories.letter(title="A wedding without my sister", days_ago=1)
    assert titles("-moved") == ["A wedding without my sister", "The best thing my friend did"]
    assert titles("-moved -wedding") == ["The best thing my friend did"]
    assert sorted(titles("-best or moved")) == [
        "A wedding without my sister",
        "My best friend moved away",
    ]


def test_a_word_is_a_whole_word_not_a_piece_of_one():
    factories.letter(title="The minimum I expect", body="Dear Elizabeth, a phone call a week.")
    factories.letter(title="My mum reads my post", body="Dear Elizabeth, she opens everything.")
    results = search("mum")
    (hit,) = results.load(results.rows)
    assert hit.title == "My mum reads my post"
    assert titles("mums") == ["My mum reads my post"]


def test_a_quoted_phrase_is_found_whole_and_first():
    factories.letter(
        title="Planning her hen do",
        body="Dear Elizabeth, my sister's hen-do is in Riga and I can't afford it.",
        days_ago=9,
    )
    factories.letter(
        title="When the plans changed",
        body="Dear Elizabeth, then she said what to do, and when to do it.",
        days_ago=1,
    )
    found = titles('"hen do"')
    assert found[0] == "Planning her hen do"
    assert "When the plans changed" not in found
    results = search('"hen do"')
    excerpt = results.load(results.rows[:1])[0].excerpt
    assert "<mark>" in excerpt and "w<mark>" not in excerpt.lower() and "t<mark>" not in excerpt


def test_words_are_found_by_their_stem_in_any_case():
    factories.letter(title="Two weddings in one summer", reply="Choose the one you apologised to.")
    factories.letter(title="ÉTÉ À PARIS", body="Dear Elizabeth, my café closes in August.")
    assert titles("wedding") == ["Two weddings in one summer"]
    assert titles("apologise") == ["Two weddings in one summer"]
    assert titles("WEDDING apologising") == ["Two weddings in one summer"]
    assert titles("café") == ["ÉTÉ À PARIS"]
    assert titles("été") == ["ÉTÉ À PARIS"]


@sqlite_only
def test_sqlite_ignores_diacritics():
    factories.letter(title="Summer in Paris", body="Dear Elizabeth, my café is naïve about rent.")
    assert titles("cafe") == titles("CAFÉ") == titles("naive") == ["Summer in Paris"]


HOSTILE_QUERIES = [
    '"',
    '""',
    '"unbalanced phrase',
    'unbalanced" phrase',
    "*",
    "friend*",
    "NEAR(friend sister)",
    "NEAR(",
    "col:friend",
    "title:friend",
    "^friend",
    "friend AND",
    "AND OR NOT",
    "or",
    "- -- -friend",
    "(((friend",
    "friend)))",
    "'; DROP TABLE advice_letter; --",
    '\\ \\" %s %(x)s ? :name',
    "дружба сестра",
    "友達 姉妹",
    "صديق",
    "🙂 friend 🙂",
    "e\u0301te\u0301",
    "𞤀𞤁",
    "friend " * 40,
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_no_query_is_an_error(client, query):
    factories.letter(title="My friend and my sister")
    response, html = page(client, q=query[:200])
    assert response.status_code == 200
    assert 'value="' in html


def test_search_engine_syntax_is_read_as_words():
    factories.letter(title="My friend and my sister")
    for query in ["friend*", "^friend", "(friend)", "friend:", "+friend", "{friend}"]:
        assert titles(query) == ["My friend and my sister"], query


def test_any_mix_of_search_syntax_is_a_search_not_an_error():
    factories.letter(title="My friend and my sister", reply='He said "no" - or did he?')
    pieces = [
        '"',
        "-",
        " or ",
        " OR ",
        "(",
        ")",
        "*",
        ":",
        "^",
        "+",
        "NEAR",
        "AND",
        "NOT",
        "friend",
        "sister",
        "é",
        " ",
        "'",
        ",",
        "{",
        "}",
        "\\",
    ]
    rng = random.Random(18)
    for _ in range(200):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        results = search(text)
        results.load(results.rows[:10])


def test_words_in_other_scripts_are_found():
    factories.letter(title="Письмо от сестры", body="Dear Elizabeth, моя сестра не звонит.")
    assert titles("сестра") == ["Письмо от сестры"]
    assert titles("Письмо") == ["Письмо от сестры"]


# --- Indexes kept current by the database, on every database ------------------------------


def test_the_triggers_keep_the_index_current():
    theme = factories.theme(name="Loneliness")
    letter = factories.letter(title="Sundays are the worst", reply="Join the choir.")
    article = factories.article(title="On quiet weekends", body="Try the library.")

    letter.themes.add(theme)
    article.themes.add(theme)
    assert sorted(titles("loneliness")) == ["On quiet weekends", "Sundays are the worst"]

    theme.name = "Solitude"
    theme.save()
    assert titles("loneliness") == []
    assert sorted(titles("solitude")) == ["On quiet weekends", "Sundays are the worst"]

    letter.themes.remove(theme)
    assert titles("solitude") == ["On quiet weekends"]

    letter.reply.body = "Try bell ringing."
    letter.reply.save()
    assert titles("choir") == [] and titles("bell ringing") == ["Sundays are the worst"]

    letter.reply.delete()
    assert titles("bell") == []
    Reply.objects.create(letter=letter, body="Volunteer at the food bank.")
    assert titles("volunteer") == ["Sundays are the worst"]

    Letter.objects.filter(pk=letter.pk).update(title="Saturdays are the worst")
    Article.objects.filter(pk=article.pk).update(standfirst="A word about crosswords.")
    assert titles("saturday") == ["Saturdays are the worst"]
    assert titles("crossword") == ["On quiet weekends"]

    theme.delete()
    Letter.objects.filter(pk=letter.pk).delete()
    article.delete()
    assert titles("solitude") == titles("saturday") == titles("crossword") == []
    assert_index_matches_content()


def test_saving_a_letter_loaded_earlier_does_not_undo_the_triggers():
    letter = factories.letter(title="Moving house", reply="Take your time.")
    stale = Letter.objects.get(pk=letter.pk)
    Reply.objects.filter(letter=letter).update(body="Label every box.")
    stale.sign_off = "Boxed In"
    stale.save()
    assert titles("label box") == ["Moving house"]
    assert_index_matches_content()


def assert_index_matches_content():
    """On SQLite, FTS5's own check that each index holds exactly what its view shows."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for index in ["advice_letter_fts", "articles_article_fts"]:
            # Raises DatabaseError ("database disk image is malformed") on any difference.
            cursor.execute(f"INSERT INTO {index}({index}, rank) VALUES ('integrity-check', 1)")


@sqlite_only
def test_every_fts5_trigger_and_index_exists_after_all_migrations():
    """A later migration that rebuilds a table on SQLite drops its triggers and indexes:
    see advice/migrations/0009_sqlite_search, which says what such a migration must do."""
    from importlib import import_module

    expected = {"advice_letter_fts_lookup", "articles_article_fts_lookup"}
    for module in [
        "advice.migrations.0009_sqlite_search",
        "articles.migrations.0006_sqlite_search",
    ]:
        expected |= set(import_module(module).TRIGGERS)
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('trigger', 'index')")
        present = {name for (name,) in cursor.fetchall()}
    assert len(expected) == 32 and expected <= present, sorted(expected - present)


@sqlite_only
def test_generated_content_is_indexed_as_it_is_written():
    call_command("generate_content", letters=30, articles=5, themes=4, workers=1, verbosity=0)
    assert_index_matches_content()
    letter = Letter.objects.published().filter(slug__startswith="gen-").first()
    assert letter.pk in [row.pk for row in search(f'"{letter.title}"', kind="letter").rows]


@postgresql_only
def test_searching_never_computes_a_vector_from_the_text(client):
    factories.letter(title="Kayaking with my brother")
    with CaptureQueriesContext(connection) as queries:
        assert "Kayaking" in page(client, q="kayaking")[1]
    assert not any("to_tsvector" in query["sql"] for query in queries.captured_queries)


def test_the_excerpt_marks_the_words_in_the_text():
    factories.letter(
        title="Cats", body="Dear Elizabeth, " + "filler " * 60 + "my cat Biscuit left."
    )
    (hit,) = search("biscuit").load(search("biscuit").rows)
    assert "<mark>Biscuit</mark>" in hit.excerpt
    assert len(hit.excerpt.split()) < 50


# --- The page ------------------------------------------------------------------------------


def test_an_empty_search_shows_the_form_and_the_themes(client):
    factories.theme(name="Rejection")
    response, html = page(client)
    assert response.status_code == 200
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert 'name="q"' in html and "Rejection" in html
    assert "Put a phrase in &quot;quotes&quot;" in html  # the syntax works on both databases
    assert "result" not in html.lower().split("<main", 1)[1]


def test_a_search_with_hits_lists_them_with_a_count_and_highlights(client):
    factories.letter(title="The quiet neighbour", body="Dear Elizabeth, my neighbour never waves.")
    response, html = page(client, q="neighbour")
    assert response.status_code == 200
    assert "1 result for “neighbour”" in html
    assert "The quiet neighbour" in html and "<mark>neighbour</mark>" in html
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert 'value="neighbour"' in html


def test_no_hits_says_so_and_suggests_themes(client):
    factories.theme(name="Friendship")
    response, html = page(client, q="xylophone")
    assert response.status_code == 200
    assert "No results for “xylophone”" in html
    assert "/themes/" in html and "Friendship" in html


COMMON_WORDS = "the through"


@postgresql_only
def test_a_search_of_only_very_common_words_says_they_are_too_common(client):
    factories.letter(title="Walking through the park alone")
    response, html = page(client, q=COMMON_WORDS)
    assert response.status_code == 200
    assert "too common to search for" in html
    assert "another spelling" not in html
    assert f'value="{COMMON_WORDS}"' in html  # what was typed stays in the box
    # A common word beside a rare one is simply left out.
    assert "Walking through the park alone" in page(client, q="the park")[1]


@sqlite_only
def test_fts5_has_no_stop_words_so_common_words_are_found(client):
    factories.letter(title="Walking through the park alone")
    html = page(client, q=COMMON_WORDS)[1]
    assert "1 result for “the through”" in html and "too common" not in html


def test_a_rare_word_that_matches_nothing_still_suggests_another_spelling(client):
    factories.letter(title="Walking through the park alone")
    html = page(client, q="the xylophone")[1]
    assert "another spelling" in html and "too common" not in html


@pytest.mark.parametrize(
    "query, message",
    [
        ("x" * 201, "please shorten it to 200 characters"),
        ("?!… -- ***", "Please type at least one word"),
        ("__ _", "Please type at least one word"),
        ("friend\x00ship", "Null characters are not allowed"),
    ],
)
def test_bad_queries_get_a_clear_message_and_keep_what_was_typed(client, query, message):
    response, html = page(client, q=query)
    assert response.status_code == 200
    assert message in html
    assert 'aria-invalid="true"' in html
    if "\x00" not in query:
        assert f'value="{query}"' in html.replace("&amp;", "&").replace("&hellip;", "…")


def test_an_unknown_theme_or_kind_is_explained(client):
    html = page(client, q="garden", theme="no-such-theme", kind="poems")[1]
    assert "no-such-theme is not one of the available choices" in html
    assert "poems is not one of the available choices" in html


def test_pages_of_results_link_to_each_other_keeping_the_query(client):
    for n in range(15):
        factories.letter(title=f"Garden letter {n}")
    html = page(client, q="garden", kind="letter", page=2)[1]
    assert 'rel="prev" href="?q=garden&amp;kind=letter&amp;page=1"' in html
    assert 'start="13"' in html


def test_every_page_has_a_labelled_search_box_in_its_header(client):
    theme = factories.theme()
    letter, article = factories.letter(themes=[theme]), factories.article(themes=[theme])
    for _, url in public_pages(letter=letter, article=article, theme=theme):
        html = client.get(url).content.decode()
        header = html[html.index("<header") : html.index("</header>")]
        assert f'action="{reverse("search")}"' in header and 'method="get"' in header
        assert '<label class="visually-hidden" for="site-search-q">' in header
        assert 'id="site-search-q" name="q"' in header


def test_the_search_page_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    themes = [factories.theme() for _ in range(4)]
    for n in range(30):
        factories.letter(title=f"Garden letter {n}", themes=themes[: n % 4 + 1])
        factories.article(title=f"Garden article {n}", themes=themes[: n % 3 + 1])
    # Themes for the form; each kind's hit rows; each kind's page of hits and their themes.
    with django_assert_max_num_queries(7):
        response, html = page(client, q="garden", page=2)
    assert response.status_code == 200 and "60 results" in html
    with django_assert_max_num_queries(7):
        assert page(client, q="garden", theme=themes[0].slug)[0].status_code == 200


def test_a_match_the_database_gave_no_rank_counts_as_the_least(db, monkeypatch):
    """bm25() can answer NULL: the search and the receipt's "letters like yours" (which takes
    a share of the best rank) must not fail on it (it was a 500 on the receipt page)."""
    from pages import search as search_module
    from pages.related import answered_letters_like_text

    letters = [factories.letter(title=f"Ranked {n}") for n in range(2)]
    engine = (
        search_module.FullTextSearch
        if connection.vendor == "postgresql"
        else search_module.Fts5Search
    )
    monkeypatch.setattr(
        engine,
        "candidates",
        lambda self, queryset, limit: [(letter.pk, None, None) for letter in letters],
    )
    assert [row.rank for row in search_module.search("friends", kind="letter").rows] == [0.0, 0.0]
    found = answered_letters_like_text("My friends never invite me anywhere, friends forget me.")
    assert {letter.pk for letter in found} == {letter.pk for letter in letters}
