"""The publication rule: published and due; drafts and scheduled posts appear nowhere public."""

from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from advice.models import Letter
from articles.models import Article
from tests import factories
from tests.support import public_pages

pytestmark = pytest.mark.django_db


def test_published_includes_only_published_items_that_are_due():
    due = factories.letter()
    factories.letter(status=Letter.Status.DRAFTED)
    factories.letter(published_at=timezone.now() + timedelta(days=3))
    factories.letter(status=Letter.Status.NEW, reply=None)
    assert list(Letter.objects.published()) == [due]

    live = factories.article()
    factories.article(status=Article.Status.DRAFT)
    factories.article(published_at=timezone.now() + timedelta(hours=1))
    assert list(Article.objects.published()) == [live]


def test_a_scheduled_post_appears_by_itself_when_its_time_comes():
    soon = factories.article(published_at=timezone.now() + timedelta(seconds=1))
    assert not soon.is_published and soon.is_scheduled
    Article.objects.filter(pk=soon.pk).update(published_at=timezone.now() - timedelta(seconds=1))
    soon.refresh_from_db()
    assert soon.is_published
    assert list(Article.objects.published()) == [soon]


def test_the_database_refuses_a_published_letter_without_a_title():
    with pytest.raises(IntegrityError):
        Letter.objects.create(original_text="Help", status=Letter.Status.PUBLISHED)


def test_hidden_items_appear_on_no_public_page(client):
    theme = factories.theme()
    visible_letter = factories.letter(themes=[theme], title="Visible letter")
    factories.letter(themes=[theme], title="Draft letter", status=Letter.Status.DRAFTED)
    factories.letter(
        themes=[theme], title="Scheduled letter", published_at=timezone.now() + timedelta(days=1)
    )
    visible_article = factories.article(themes=[theme], title="Visible article")
    factories.article(themes=[theme], title="Draft article", status=Article.Status.DRAFT)
    factories.article(
        themes=[theme], title="Scheduled article", published_at=timezone.now() + timedelta(days=1)
    )

    # The detail pages show their related reading; the searches would find every title.
    pages = public_pages(
        letter=visible_letter, article=visible_article, theme=theme, query="letter"
    )
    urls = [url for _, url in pages] + [reverse("search") + "?q=article"]
    for url in urls:
        html = client.get(url).content.decode()
        for hidden in ["Draft letter", "Scheduled letter", "Draft article", "Scheduled article"]:
            assert hidden not in html, f"{hidden} shows on {url}"
    theme_list = client.get(reverse("theme_list")).content.decode()
    assert "1 letter, 1 article" in theme_list  # counts obey the rule too


@pytest.mark.parametrize("kind", ["letter", "article"])
def test_hidden_detail_pages_are_404_for_readers_and_previews_for_staff(client, editor, kind):
    if kind == "letter":
        hidden = factories.letter(status=Letter.Status.DRAFTED, title="Not yet")
    else:
        hidden = factories.article(status=Article.Status.DRAFT, title="Not yet")
    assert client.get(hidden.get_absolute_url()).status_code == 404

    client.force_login(editor)
    preview = client.get(hidden.get_absolute_url())
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Draft preview" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert "no-cache" in preview["Cache-Control"] and "no-store" in preview["Cache-Control"]
    assert preview["X-Robots-Tag"] == "noindex, nofollow"


def test_published_pages_carry_no_draft_banner_for_staff(client, editor):
    live = factories.letter()
    client.force_login(editor)
    response = client.get(live.get_absolute_url())
    assert "Draft preview" not in response.content.decode()
    assert "X-Robots-Tag" not in response
