"""Slugs made from titles (postbag/slugs.py): unique, within the field, from any script."""

import pytest

from advice.models import Letter
from articles.models import Article
from postbag.slugs import unique_slug
from tests import factories

pytestmark = pytest.mark.django_db

MAX_LENGTH = Article._meta.get_field("slug").max_length


def test_many_items_with_the_same_title_get_distinct_slugs():
    articles = [factories.article(title="On saying no") for _ in range(12)]
    assert [article.slug for article in articles] == [
        "on-saying-no",
        *(f"on-saying-no-{n}" for n in range(2, 13)),
    ]
    # Each model has its own addresses: a letter may share an article's slug.
    assert factories.letter(title="On saying no").slug == "on-saying-no"


def test_an_item_does_not_collide_with_itself():
    article = factories.article(title="On saying no")
    factories.article(title="On saying no, again", slug="on-saying-no-2")
    assert unique_slug(article, article.title) == "on-saying-no"
    assert unique_slug(Article(), article.title) == "on-saying-no-3"


@pytest.mark.parametrize(
    "title",
    [
        # 199 characters; cut for a suffix, the slug would end in a hyphen.
        ("a " * 100).strip(),
        # 199 characters of whole words.
        ("word " * 40).strip(),
        # 150 characters whose slug is 300 ("ﬁ" is "fi"): the slug is cut, not the title.
        "ﬁ" * 150,
    ],
    ids=["hyphen-at-the-cut", "words", "longer-slug-than-title"],
)
def test_a_long_title_still_fits_with_its_suffix(title):
    letters = [factories.letter(title=title) for _ in range(11)]
    slugs = [letter.slug for letter in letters]
    assert len(set(slugs)) == len(slugs)
    for n, slug in enumerate(slugs, start=1):
        assert len(slug) <= MAX_LENGTH, slug
        assert "--" not in slug and not slug.startswith("-"), slug
        if n > 1:
            assert slug.endswith(f"-{n}"), slug
    for letter in letters:
        letter.full_clean()  # the field's own validation agrees


@pytest.mark.parametrize(
    "title, slug",
    [
        ("Crème brûlée for my mother-in-law", "creme-brulee-for-my-mother-in-law"),
        ("Łódź: my friend 💔 left", "odz-my-friend-left"),
        # Nothing of it has an ASCII form: a placeholder, numbered like any other.
        ("صديقتي لا ترد على رسائلي", "untitled"),
    ],
)
def test_a_unicode_title_makes_an_ascii_slug(title, slug):
    first, second = factories.letter(title=title), factories.letter(title=title)
    assert (first.slug, second.slug) == (slug, f"{slug}-2")
    assert Letter.objects.get(slug=slug) == first
