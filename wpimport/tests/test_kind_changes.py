"""Importing again never deletes a letter without saying so.

A letter imported before becomes an article when the next run doesn't find it a letter: its
category isn't named by --letters-category (left out, or misspelt), or --reply-marker no
longer finds its reply. That deletes the letter, its reply and its text as received, so
such a run is refused, with nothing written, unless --allow-kind-changes says to go ahead;
then each change is named in the report and the letter's address leads to the article.
"""

import pytest

from advice.models import Letter, Reply
from articles.models import Article
from wpimport.tests.exports import category, post, write_export
from wpimport.tests.support import import_wordpress, run_command

LETTERS = category("pisma", "Письма")
FRIENDSHIP = category("friendship", "Friendship")
# A letter whose reply starts at a marker line, which only --reply-marker finds.
MARKED = (
    "<p>Dear Vera,</p><p>My neighbour borrows my ladder and returns it muddy.</p>"
    "<p>Ladderless in Leeds</p><p>Vera writes back:</p><p>Lend it with a rag tied on.</p>"
)


def vera_export(tmp_path):
    """A post in the category “Письма”, set off by a marker only --reply-marker knows."""
    return write_export(
        tmp_path,
        post(
            5,
            MARKED,
            title="The muddy ladder",
            slug="muddy-ladder",
            letter=False,
            extra=LETTERS + FRIENDSHIP,
        ),  # fmt: skip
        channel="<wp:category><wp:category_nicename>pisma</wp:category_nicename>"
        "<wp:cat_name><![CDATA[Письма]]></wp:cat_name></wp:category>",
    )


def import_as_letter(path):
    import_wordpress(path, "--letters-category", "Письма", "--reply-marker", "Vera writes back")
    letter = Letter.objects.get(wordpress_id=5)
    assert letter.reply.body == "Lend it with a rag tied on."
    return letter


@pytest.mark.django_db
def test_a_misspelt_letters_category_on_a_second_import_is_refused_with_nothing_written(
    tmp_path,
):
    path = vera_export(tmp_path)
    letter = import_as_letter(path)

    report, error, status = run_command(
        path, "--letters-category", "Писма", "--reply-marker", "Vera writes back"
    )

    assert status == 1
    assert "1 letter imported before would become an article" in error
    assert "post 5 “The muddy ladder”: it is in no letters category now." in error
    assert "--letters-category: no category “Писма” in this export" in error
    assert "--allow-kind-changes" in error and "Nothing was imported." in error
    assert Letter.objects.get(pk=letter.pk).updated_at == letter.updated_at
    assert Reply.objects.filter(letter=letter).exists()
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_a_dry_run_is_refused_alike(tmp_path):
    path = vera_export(tmp_path)
    import_as_letter(path)

    _, error, status = run_command(path, "--dry-run", "--reply-marker", "Vera writes back")

    assert status == 1 and "post 5 “The muddy ladder”" in error
    assert "COLUMN_NAME: no category “Ask Elizabeth” in this export" not in error  # it has one
    assert Letter.objects.filter(wordpress_id=5).exists()


@pytest.mark.django_db
def test_allowed_the_change_is_named_and_the_letters_address_leads_to_the_article(tmp_path, client):
    path = vera_export(tmp_path)
    letter_url = import_as_letter(path).get_absolute_url()

    # A marker that no longer finds the reply: refused, then allowed.
    options = ("--letters-category", "Письма", "--reply-marker", "Vera replies")
    _, error, status = run_command(path, *options)
    assert status == 1 and "its reply can't be found now" in error
    report = import_wordpress(path, *options, "--allow-kind-changes")

    article = Article.objects.get(wordpress_id=5)
    assert not Letter.objects.exists() and not Reply.objects.exists()
    assert (
        "post 5 “The muddy ladder” was a letter and is now an article (its reply can't be "
        "found now: no leading quotation, rule or reply marker): the letter and its reply "
        f"were removed; its address {letter_url} leads to the article."
    ) in report
    response = client.get(letter_url)
    assert (response.status_code, response["Location"]) == (301, article.get_absolute_url())


@pytest.mark.django_db
def test_a_dry_run_names_each_change_of_kind(tmp_path):
    path = vera_export(tmp_path)
    import_as_letter(path)

    report = import_wordpress(path, "--dry-run", "--allow-kind-changes")

    assert "Changed kind since the last import:" in report
    assert "post 5 “The muddy ladder” was a letter and is now an article" in report
    assert Letter.objects.filter(wordpress_id=5).exists()


@pytest.mark.django_db
def test_a_letters_category_that_names_no_category_is_a_warning(tmp_path):
    report = import_wordpress(vera_export(tmp_path), "--letters-category", "Писма")

    assert (
        "--letters-category: no category “Писма” in this export, so no post became a letter "
        "by it. Check its spelling, or give the letters category's name or slug."
    ) in report


@pytest.mark.django_db
def test_an_article_that_becomes_a_letter_is_named_and_needs_no_option(tmp_path, client):
    path = vera_export(tmp_path)
    import_wordpress(path, "--letters-category", "Письма")  # no marker: an article
    article_url = Article.objects.get(wordpress_id=5).get_absolute_url()

    report = import_wordpress(path, "--letters-category", "Письма", "--reply-marker", "Vera writes")

    letter = Letter.objects.get(wordpress_id=5)
    assert not Article.objects.exists()
    assert (
        "post 5 “The muddy ladder” was an article and is now a letter: the article was "
        f"removed; its address {article_url} leads to the letter."
    ) in report
    assert client.get(article_url)["Location"] == letter.get_absolute_url()
