"""Every public page costs the same few queries with a thousand items as with ten."""

import math
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from advice.models import Letter, Reply, Theme
from articles.models import Article
from tests import factories
from tests.support import public_pages

pytestmark = pytest.mark.django_db

LETTERS, ARTICLES = 1200, 1100
BUDGET = 8


@pytest.fixture
def archive(db, settings):
    """A thousand-odd letters and articles, each with replies and three themes."""
    settings.PAGE_CACHE_SECONDS = 0  # measure the pages themselves
    themes = [factories.theme() for _ in range(8)]
    now = timezone.now()
    letters = Letter.objects.bulk_create(
        Letter(
            title=f"Letter {n} about a friend who went quiet",
            slug=f"letter-{n}",
            original_text="Dear Elizabeth, my friend went quiet.",
            body="Dear Elizabeth, my friend went quiet and I miss her.",
            sign_off="Quiet in Quorn",
            status=Letter.Status.PUBLISHED,
            published_at=now - timedelta(hours=n + 1),
        )
        for n in range(LETTERS)
    )
    Reply.objects.bulk_create(
        Reply(letter=letter, body="Call her. **Once.**") for letter in letters
    )
    articles = Article.objects.bulk_create(
        Article(
            title=f"Article {n} on friendship",
            slug=f"article-{n}",
            byline="Elizabeth Hart",
            standfirst="Friendships change shape.",
            body="Friendships change shape. " * 40,
            status=Article.Status.PUBLISHED,
            published_at=now - timedelta(hours=n + 1, minutes=30),
        )
        for n in range(ARTICLES)
    )
    for model, items in ((Letter, letters), (Article, articles)):
        link = model.themes.through
        field = f"{model._meta.model_name}_id"
        model.themes.through.objects.bulk_create(
            link(**{field: item.pk, "theme_id": themes[(i + k) % 8].pk})
            for i, item in enumerate(items)
            for k in range(3)
        )
    return themes


def test_every_public_page_stays_within_the_budget_at_a_thousand_items(
    client, archive, django_assert_max_num_queries
):
    theme: Theme = archive[0]
    letter = Letter.objects.published().order_by("-published_at")[600]
    article = Article.objects.published().order_by("-published_at")[600]
    last_letters_page = math.ceil(LETTERS / 12)
    pages = public_pages(letter=letter, article=article, theme=theme, machines=True)
    urls = [url for _, url in pages] + [
        reverse("advice:letter_list") + f"?page={last_letters_page}",
        reverse("articles:article_list") + "?page=50",
        theme.get_absolute_url() + "?page=40",
    ]
    for url in urls:
        with django_assert_max_num_queries(BUDGET):
            assert client.get(url).status_code == 200, url
