"""Search latency at archive scale: p50/p95 per query class, for the view and the query.

Run against a database filled by `manage.py generate_content` (bench/README.md), PostgreSQL
or SQLite, whichever DATABASE_URL names:

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postbag_bench \\
        .venv/bin/python bench/search_bench.py [--runs 30]
    DATABASE_URL=sqlite:////tmp/fts-bench.sqlite3 .venv/bin/python bench/search_bench.py

Two figures per class:
- "view": GET /search/?q=… through Django's test client: middleware, form, queries,
  excerpts and template, everything but the network and the WSGI server;
- "query": pages.search.search() plus loading the first page of hits with their
  excerpts (what the view asks of the database).

Rare and common words are picked from the data itself (PostgreSQL's ts_stat over the
letters' vectors, or SQLite's fts5vocab over the letters' FTS5 index), so the classes mean
the same whatever the generator's seed or the database.
"""

import argparse
import hashlib
import os
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")  # development settings: no collected static files

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from advice.models import Letter  # noqa: E402
from articles.models import Article  # noqa: E402
from pages import search as site_search  # noqa: E402
from postbag.database import is_postgresql  # noqa: E402

# Written by a reader, using the generator's vocabulary and the websearch syntax.
MULTI_WORD = [
    "sister wedding",
    "best friend birthday",
    '"stopped replying"',
    "boss credit work",
    "choir -sister",
    "pottery or netball",
    "counsellor boundaries guilt",
    '"taken for granted" husband',
]


def words_by_frequency(low, high, limit):
    """Indexed words (stems) in between `low` and `high` letters: `limit` of them, picked
    in the order of their MD5 (a fixed sample, whatever the database)."""
    with connection.cursor() as cursor:
        if is_postgresql():
            cursor.execute(
                "SELECT word FROM ts_stat('SELECT search_vector FROM advice_letter') "
                "WHERE ndoc BETWEEN %s AND %s",
                [low, high],
            )
        else:
            cursor.execute(
                "CREATE VIRTUAL TABLE IF NOT EXISTS temp.letter_words "
                "USING fts5vocab(main, advice_letter_fts, 'row')"
            )
            cursor.execute(
                "SELECT term FROM temp.letter_words WHERE doc BETWEEN %s AND %s", [low, high]
            )
        words = [word for (word,) in cursor.fetchall() if re.fullmatch("[a-z]{4,}", word)]
    return sorted(words, key=lambda word: hashlib.md5(word.encode()).hexdigest())[:limit]


def machine_speed():
    """Seconds for a plain Python loop, to compare this machine's figures with another's."""
    started = time.perf_counter()
    total = 0
    for number in range(5_000_000):
        total += number
    return time.perf_counter() - started


def timed(function, runs):
    function()  # warm the caches and the connection first
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def percentile(values, fraction):
    return statistics.quantiles(values, n=100, method="inclusive")[round(fraction * 100) - 1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=30, help="timed runs per query")
    parser.add_argument(
        "--candidates",
        type=int,
        default=site_search.CANDIDATES_PER_KIND,
        help="newest matches ranked per kind (default: the site's CANDIDATES_PER_KIND)",
    )
    arguments = parser.parse_args()
    runs = arguments.runs
    site_search.CANDIDATES_PER_KIND = arguments.candidates
    # Production-like: no SQL recorded per query (development settings record it).
    settings.DEBUG = False

    letters = Letter.objects.published().count()
    classes = {
        "rare (in 5-50 letters)": words_by_frequency(5, 50, 8),
        "common (in over 40% of letters)": words_by_frequency(letters * 0.4, letters, 8),
        "multi-word and syntax": MULTI_WORD,
    }
    print(f"Machine: a 5,000,000-step Python loop takes {machine_speed():.2f} s.")
    version = ".".join(map(str, connection.get_database_version()))
    print(f"Database: {connection.display_name} {version}.")
    print(
        f"{letters:,} published letters, {Article.objects.published().count():,} published "
        f"articles; the newest {arguments.candidates} matches ranked per kind; {runs} runs "
        "per query after one warm-up.\n"
    )
    client = Client(HTTP_HOST="localhost")
    print("| query class | queries | hits (median) | view p50 | view p95 | query p50 | query p95 |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for label, queries in classes.items():
        view_times, query_times, hits = [], [], []
        for text in queries:

            def view(text=text):
                response = client.get(reverse("search"), {"q": text})
                assert response.status_code == 200, response.status_code

            def query(text=text):
                results = site_search.search(text)
                results.load(results.rows[: settings.PAGE_SIZE])
                return results

            view_times += timed(view, runs)
            query_times += timed(query, runs)
            hits.append(len(query().rows))
        print(
            f"| {label} | {', '.join(queries)} | {statistics.median(hits):.0f} "
            f"| {percentile(view_times, 0.5):.1f} ms | {percentile(view_times, 0.95):.1f} ms "
            f"| {percentile(query_times, 0.5):.1f} ms | {percentile(query_times, 0.95):.1f} ms |"
        )


if __name__ == "__main__":
    main()
