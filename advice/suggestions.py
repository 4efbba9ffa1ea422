"""Theme suggestions for editors: which themes a new letter most resembles.

Suggestions are stored on the letter for the editor to see and are never applied by
themselves.

On PostgreSQL the letter's significant words are matched against the stored search
vectors of published letters and articles; the best-ranked pieces vote for their themes
with their rank. On SQLite (development) each theme is described by its name, its
description and the titles of its published pieces, and the theme sharing the most
significant words with the letter wins.

A new letter's suggestions are worked out once the reader has had the receipt
(`suggest_after_response`, postbag.after_response): the receipt never needs them. If that
work never ran (the worker restarted in between), the editor's first look at the letter
does it (`suggestions_for`).
"""

import re
from collections import Counter
from functools import partial

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import transaction
from django.db.models import F

from advice.models import Letter, Theme
from postbag.after_response import after_response
from postbag.database import SEARCH_LANGUAGE, is_postgresql
from postbag.publishing import publishable_models

SUGGESTIONS = 3
# Pieces whose themes vote, and how many of the newest matches are ranked to find them:
# a bound on the work, however common the letter's words are.
VOTERS, CANDIDATES = 30, 2000
WORD = re.compile(r"[a-z]+")
# Words that say nothing about what a letter is about.
STOPWORDS = frozenset(
    """about after again also always because been before being both could dear didn't does
    doesn't doing don't down each elizabeth even every feel from have having he's here hers
    herself him himself into it's just know like made make more most much myself never
    other ought ours over same should some such than that that's their theirs them then
    there these they this those through very want was wasn't were what when where which
    while will with would your yours yourself""".split()
)


def significant_words(text):
    """Lower-case words of four letters or more that carry meaning."""
    words = WORD.findall((text or "").lower().replace("'", ""))
    return {word for word in words if len(word) >= 4 and word not in STOPWORDS}


def stem(word):
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def theme_vocabularies():
    """{theme id: significant words of its name, description and published titles}."""
    vocabulary = {theme.pk: f"{theme.name} {theme.description}" for theme in Theme.objects.all()}
    for model in publishable_models():
        titles = model.objects.published().values_list("themes", "title")
        for theme_id, title in titles:
            if theme_id in vocabulary:
                vocabulary[theme_id] += f" {title}"
    return {theme_id: stems(text) for theme_id, text in vocabulary.items()}


def stems(text):
    return {stem(word) for word in significant_words(text)}


def suggest_themes(text, *, limit=SUGGESTIONS):
    """Up to `limit` themes whose published content `text` most resembles, best first."""
    if is_postgresql():
        scores = ranked_theme_scores(text)
    else:
        words = stems(text)
        scores = Counter(
            {
                theme_id: len(words & vocabulary)
                for theme_id, vocabulary in theme_vocabularies().items()
            }
        )
    best = [theme_id for theme_id, score in scores.most_common(limit) if score > 0]
    themes = Theme.objects.in_bulk(best)
    return [themes[theme_id] for theme_id in best]


def ranked_theme_scores(text):
    """{theme id: summed rank of the published pieces most like `text`} (PostgreSQL)."""
    words = sorted(significant_words(text))
    scores = Counter()
    if not words:
        return scores
    query = SearchQuery(" | ".join(words), search_type="raw", config=SEARCH_LANGUAGE)
    for model in publishable_models():
        # The ids first, as a list: an `IN (… LIMIT …)` subquery is planned as a nested
        # loop over everything while freshly loaded tables have no statistics yet.
        newest_matches = list(
            model.objects.published()
            .filter(search_vector=query)
            .order_by("-published_at")
            .values_list("pk", flat=True)[:CANDIDATES]
        )
        ranked = dict(
            model.objects.filter(pk__in=newest_matches)
            .annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank")
            .values_list("pk", "rank")[:VOTERS]
        )
        links = model.themes.through.objects.filter(**{f"{model._meta.model_name}_id__in": ranked})
        for piece_id, theme_id in links.values_list(f"{model._meta.model_name}_id", "theme_id"):
            scores[theme_id] += ranked[piece_id]
    return scores


def store_suggestions(letter_ids):
    """after_response's task: store the suggested themes of each letter of `letter_ids`
    that still exists (the reader may have withdrawn it meanwhile)."""
    for letter in Letter.objects.filter(pk__in=letter_ids).only("original_text"):
        letter.suggested_themes.set(suggest_themes(letter.original_text))


def suggest_after_response(letter):
    """Suggest themes for a letter just stored, once the transaction commits and the
    response is sent (the reader never waits for it; advice.floods groups the same way)."""
    transaction.on_commit(partial(after_response, store_suggestions, letter.pk), robust=True)


def suggestions_for(letter):
    """`letter`'s suggested themes (a list of Themes) for the editor's view: the stored
    ones, or, when none are stored (the after-response work never ran, or found nothing),
    worked out and stored now. Reads the prefetched `suggested_themes` when there are."""
    stored = list(letter.suggested_themes.all())
    if stored:
        return stored
    found = suggest_themes(letter.original_text)
    if found:
        letter.suggested_themes.set(found)  # clears the prefetched copy too
    return found
