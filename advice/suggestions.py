"""Theme suggestions for editors: which themes a new letter most resembles.

Suggestions are stored on the letter for the editor to see and are never applied by
themselves. Each theme is described by its name, its description and the titles of its
published letters and articles; a letter's significant words are matched against that.
"""

import re
from collections import Counter

from django.apps import apps

from advice.models import Theme

SUGGESTIONS = 3
WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
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
    """Lower-case words of four letters or more that carry meaning, lightly stemmed."""
    words = WORD.findall((text or "").lower())
    return {stem(word) for word in words if len(word) >= 4 and word not in STOPWORDS}


def stem(word):
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def theme_vocabularies():
    """{theme id: significant words of its name, description and published titles}."""
    vocabulary = {theme.pk: f"{theme.name} {theme.description}" for theme in Theme.objects.all()}
    for label in ("advice.Letter", "articles.Article"):
        model = apps.get_model(label)
        titles = model.objects.published().values_list("themes", "title")
        for theme_id, title in titles:
            if theme_id in vocabulary:
                vocabulary[theme_id] += f" {title}"
    return {theme_id: significant_words(text) for theme_id, text in vocabulary.items()}


def suggest_themes(text, *, limit=SUGGESTIONS):
    """Up to `limit` themes sharing the most significant words with `text`, best first."""
    words = significant_words(text)
    scores = Counter(
        {theme_id: len(words & vocabulary) for theme_id, vocabulary in theme_vocabularies().items()}
    )
    best = [theme_id for theme_id, score in scores.most_common(limit) if score > 0]
    themes = Theme.objects.in_bulk(best)
    return [themes[theme_id] for theme_id in best]
