"""Every public page answers, with a fixed number of queries and one <h1>."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from advice.models import Letter, Theme
from articles.models import Article
from tests import factories
from tests.support import public_pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("seed_demo", verbosity=0)


def public_urls():
    """One URL of every public page type, using the published demo content."""
    letter = Letter.objects.published().first()
    article = Article.objects.published().exclude(series=None).first()
    theme = Theme.objects.first()
    return [url for _, url in public_pages(letter=letter, article=article, theme=theme)]


def test_every_public_page_answers_with_exactly_one_h1(client, demo):
    for url in public_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        assert len(re.findall(r"<h1[\s>]", response.content.decode())) == 1, url


def test_demo_has_what_a_new_reader_expects(client, demo):
    home = client.get(reverse("home")).content.decode()
    for theme in ["Rejection", "Self-worth", "One-sided effort"]:
        assert theme in home
    assert Letter.objects.published().count() >= 10
    assert Article.objects.published().count() >= 6


def test_letter_page_shows_the_edited_letter_and_the_reply(client, db):
    theme = factories.theme(name="Rejection")
    letter = factories.letter(
        themes=[theme],
        title="He said I was too much",
        original_text="Dear Elizabeth, my boyfriend Mark from the Leeds office ...",
        body="Dear Elizabeth, my boyfriend said I was too much.",
        sign_off="Too Much in the North",
        reply="**You are not too much.** You were with someone who wanted less.",
    )
    html = client.get(letter.get_absolute_url()).content.decode()
    assert "my boyfriend said I was too much" in html
    assert "Too Much in the North" in html
    assert "<strong>You are not too much.</strong>" in html
    assert "Big love, Elizabeth" in html
    assert "Rejection" in html
    assert "Leeds office" not in html  # the original is never shown publicly


def test_article_page_has_byline_reading_time_and_series_navigation(client, db):
    story = factories.series(title="Starting again")
    first = factories.article(series=story, series_part=1, title="The first month", days_ago=9)
    second = factories.article(
        series=story, series_part=2, title="The second month", days_ago=5, body="word " * 300
    )
    factories.article(
        series=story, series_part=3, title="The unpublished third", status=Article.Status.DRAFT
    )
    html = client.get(second.get_absolute_url()).content.decode()
    assert "By <bdi>Elizabeth Hart</bdi>" in html  # isolated: a name in any script
    assert "2 min read" in html  # 300 words at 230 a minute
    assert f'rel="prev" href="{first.get_absolute_url()}"' in html
    assert 'rel="next"' not in html
    assert "The unpublished third" not in html
    first_html = client.get(first.get_absolute_url()).content.decode()
    assert f'rel="next" href="{second.get_absolute_url()}"' in first_html


def test_related_reading_prefers_items_sharing_more_themes(client, db):
    a, b, c = factories.theme(), factories.theme(), factories.theme()
    letter = factories.letter(themes=[a, b, c], title="The letter itself")
    factories.letter(themes=[a], title="Shares one theme")
    factories.article(themes=[a, b, c], title="Shares three themes")
    factories.letter(themes=[a, b], title="Shares two themes")
    for n in range(5):
        factories.letter(themes=[c], title=f"Another with one theme {n}")

    html = client.get(letter.get_absolute_url()).content.decode()
    related = html[html.index("Related reading") :]
    assert related.index("Shares three themes") < related.index("Shares two themes")
    assert related.count("<li>") == 5
    assert "The letter itself" not in related


@pytest.mark.parametrize(
    "url",
    [
        "/letters/no-such-letter/",
        "/articles/no-such-article/",
        "/themes/no-such-theme/",
        "/letters/?page=99",
        "/themes/rejection/?page=7",
    ],
)
def test_unknown_slugs_and_bad_pages_are_friendly_404s(client, demo, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "We can’t find that page" in response.content.decode()


def test_pagination_links_pages_with_rel_prev_and_next(client, db):
    for _ in range(30):
        factories.letter()
    page_two = client.get("/letters/?page=2").content.decode()
    assert '<nav class="pagination" aria-label="Pagination">' in page_two
    assert 'rel="prev" href="?page=1"' in page_two
    assert 'rel="next" href="?page=3"' in page_two


@pytest.fixture
def lots_of_content(db):
    themes = [factories.theme() for _ in range(6)]
    story = factories.series()
    for n in range(60):
        mine = themes[n % 6 : n % 6 + 3] or themes[:3]
        factories.letter(themes=mine)
        factories.article(themes=mine, series=story if n < 4 else None, series_part=n + 1)
    return themes


def test_every_page_runs_a_fixed_number_of_queries(
    client, lots_of_content, django_assert_max_num_queries
):
    letter = Letter.objects.published().first()
    article = Article.objects.published().filter(series__isnull=False).first()
    # Each page with letters or articles on it reads their comments (or counts) in one.
    budgets = {
        reverse("home"): 6,
        reverse("advice:letter_list"): 5,
        reverse("advice:letter_list") + "?page=3": 5,
        letter.get_absolute_url(): 6,
        reverse("articles:article_list"): 5,
        article.get_absolute_url(): 7,
        reverse("theme_list"): 1,
        lots_of_content[0].get_absolute_url(): 8,
        lots_of_content[0].get_absolute_url() + "?page=2": 8,
    }
    for url, budget in budgets.items():
        with django_assert_max_num_queries(budget):
            assert client.get(url).status_code == 200, url
