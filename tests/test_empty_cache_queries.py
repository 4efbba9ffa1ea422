"""Every public page type within 8 queries with an empty cache (issue 15): nothing
remembered (postbag.versioning), no page cached (postbag.pagecache), on either database."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from advice.models import Letter
from articles.models import Article
from tests import factories

pytestmark = pytest.mark.django_db

BUDGET = 8


@pytest.fixture
def content(db):
    """A section with three themes, forty letters and articles on them (a few with notes,
    comments, reruns of a series), so every list has a second page."""
    section = factories.theme(name="Relationships", slug="relationships")
    themes = [
        factories.theme(name=name, slug=name.lower(), parent=section)
        for name in ("Friendship", "Family", "Loneliness")
    ]
    themes[0].content_note = "Mentions grief."
    themes[0].save()
    story = factories.series(title="Starting again after a move")
    for n in range(40):
        mine = themes[n % 3 :] or themes
        letter = factories.letter(themes=mine, content_note="Mentions loss." if n % 5 else "")
        article = factories.article(
            themes=mine, series=story if n < 3 else None, series_part=n + 1 if n < 3 else None
        )
        if n % 7 == 0:
            factories.comment(letter)
            factories.comment(article)
    return {"theme": themes[0], "section": section, "series": story}


def pages(content):
    letter = Letter.objects.published().order_by("-published_at")[5]
    article = Article.objects.published().filter(series__isnull=False).first()
    return {
        "home": reverse("home"),
        "letters": reverse("advice:letter_list"),
        "letters page 2": reverse("advice:letter_list") + "?page=2",
        "letter": letter.get_absolute_url(),
        "articles": reverse("articles:article_list"),
        "article": article.get_absolute_url(),
        "theme": content["theme"].get_absolute_url(),
        "theme page 2": content["theme"].get_absolute_url() + "?page=2",
        "section": content["section"].get_absolute_url(),
        "series": content["series"].get_absolute_url(),
        "search": reverse("search") + "?q=friends",
    }


@pytest.mark.parametrize(
    "name",
    [
        "home",
        "letters",
        "letters page 2",
        "letter",
        "articles",
        "article",
        "theme",
        "theme page 2",
        "section",
        "series",
        "search",
    ],
)
def test_each_public_page_type_runs_at_most_8_queries_with_an_empty_cache(
    client, content, name, django_assert_max_num_queries
):
    url = pages(content)[name]
    cache.clear()  # nothing remembered, nothing cached: the worst a reader meets
    with django_assert_max_num_queries(BUDGET):
        response = client.get(url)
    assert response.status_code == 200, url


# --- List rows without the columns a card never shows -----------------------------------------


@pytest.mark.parametrize("name", ["home", "letters", "articles", "theme", "section"])
def test_lists_load_no_column_a_card_never_shows(client, content, name):
    """Not the letter as sent (nor its sign-off, nor anything only editors see), and not an
    article's body: a card shows the edited letter and the standfirst. (A series page
    shows each part's reading time, counted from its body: it loads whole articles.)"""
    url = pages(content)[name]
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    selects = " ".join(q["sql"] for q in captured.captured_queries if q["sql"].startswith("SELECT"))
    for column in ("original_text", "original_sign_off", "private_note", "email"):
        assert f'"{column}"' not in selects, column
    assert '"articles_article"."body"' not in selects
    assert '"advice_letter"."body"' in selects or name == "articles"  # the excerpt
