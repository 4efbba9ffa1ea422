"""upsert_letter, upsert_article, upsert_theme: loading the same content again changes nothing.

The WordPress import (wpimport/tests) calls them with a WordPress post ID as the key; the
demo content calls them with a slug, as these tests do.
"""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from advice.models import Letter, Reply, Theme
from advice.services import upsert_letter, upsert_theme
from articles.models import Article
from articles.services import delete_article, upsert_article
from tests import factories


def letter_data(**changes):
    return {
        "match": {"slug": "the-quiet-friend"},
        "fields": {
            "title": "The quiet friend",
            "original_text": "She never calls first.",
            "body": "She never calls first.",
            "status": Letter.Status.PUBLISHED,
        },
        "reply": {"body": "Call her once more.", "sign_off": "Big love, Elizabeth"},
        **changes,
    }


@pytest.mark.django_db
def test_a_letter_is_created_with_its_reply_and_themes_then_left_alone():
    friendship = factories.theme(slug="friendship", name="Friendship")
    published_at = timezone.now() - timedelta(days=3)

    letter, outcome = upsert_letter(
        **letter_data(), create_fields={"published_at": published_at}, themes=[friendship]
    )
    assert outcome == "created"
    assert letter.slug == "the-quiet-friend" and letter.published_at == published_at
    assert letter.reply.body == "Call her once more."
    assert list(letter.themes.all()) == [friendship]
    stamps = (letter.updated_at, letter.reply.updated_at)

    # Loaded again, a day later: the date set on creation stays where it was.
    again, outcome = upsert_letter(
        **letter_data(), create_fields={"published_at": timezone.now()}, themes=[friendship]
    )
    assert outcome == "unchanged" and again.pk == letter.pk
    again.refresh_from_db()
    assert again.published_at == published_at
    assert (again.updated_at, Reply.objects.get().updated_at) == stamps
    assert Letter.objects.count() == Reply.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("what", ["field", "reply", "themes"])
def test_any_change_makes_the_letter_updated(what):
    upsert_letter(**letter_data())
    data = letter_data()
    if what == "field":
        data["fields"] = {**data["fields"], "title": "The very quiet friend"}
    elif what == "reply":
        data["reply"] = {**data["reply"], "body": "Call her twice."}
    else:
        data["themes"] = [factories.theme(slug="friendship", name="Friendship")]

    letter, outcome = upsert_letter(**data)

    assert outcome == "updated"
    assert letter.title == data["fields"]["title"]
    assert Reply.objects.get().body == data["reply"]["body"]
    assert Letter.objects.count() == 1


@pytest.mark.django_db
def test_an_invalid_letter_is_refused_with_nothing_written():
    data = letter_data()
    data["fields"] = {**data["fields"], "title": ""}  # a published letter needs a title

    with pytest.raises(ValidationError):
        upsert_letter(**data)

    assert not Letter.objects.exists() and not Reply.objects.exists()


@pytest.mark.django_db
def test_an_article_is_created_updated_and_deleted():
    theme = factories.theme(slug="boundaries", name="Boundaries")
    fields = {"title": "Saying no", "byline": "Sam", "body": "Once.", "status": "draft"}

    article, created = upsert_article(match={"slug": "saying-no"}, fields=fields)
    _, unchanged = upsert_article(match={"slug": "saying-no"}, fields=fields)
    _, updated = upsert_article(match={"slug": "saying-no"}, fields=fields, themes=[theme])

    assert (created, unchanged, updated) == ("created", "unchanged", "updated")
    assert list(Article.objects.get(slug="saying-no").themes.all()) == [theme]
    delete_article(article=article)
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_a_theme_is_updated_or_used_as_it_is():
    factories.theme(slug="family", name="Family", description="Curated.")

    kept, outcome = upsert_theme(
        match={"slug": "family"}, fields={}, create_fields={"name": "Kin", "description": ""}
    )
    assert outcome == "unchanged" and (kept.name, kept.description) == ("Family", "Curated.")

    _, outcome = upsert_theme(match={"slug": "family"}, fields={"description": "Mum, dad."})
    assert outcome == "updated"
    assert Theme.objects.get(slug="family").description == "Mum, dad."

    made, outcome = upsert_theme(match={"slug": "grief"}, fields={"name": "Grief"})
    assert outcome == "created" and made.slug == "grief"
