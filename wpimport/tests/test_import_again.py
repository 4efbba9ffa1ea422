"""import_wordpress again: a second run updates what changed and creates nothing twice."""

import pytest
from django.core.management import CommandError

from advice.models import Letter, Reply, Theme
from articles.models import Article
from wpimport.tests.support import COLUMN, export_with, import_wordpress


def everything():
    """Every imported row, as comparable tuples: what a second run must leave as it is."""
    return {
        "letters": sorted(
            Letter.objects.values_list("wordpress_id", "title", "slug", "updated_at")
        ),
        "replies": sorted(Reply.objects.values_list("letter__wordpress_id", "updated_at")),
        "articles": sorted(Article.objects.values_list("wordpress_id", "title", "updated_at")),
        "themes": sorted(Theme.objects.values_list("slug", "name")),
    }


@pytest.mark.django_db
def test_importing_the_same_file_again_changes_and_duplicates_nothing():
    import_wordpress(COLUMN)
    before = everything()

    report = import_wordpress(COLUMN)

    assert everything() == before
    assert "Letters: 0 created, 0 updated, 3 unchanged." in report
    assert "Articles: 0 created, 0 updated, 2 unchanged." in report
    assert "Themes: 0 created." in report


@pytest.mark.django_db
def test_an_edited_export_updates_what_changed(tmp_path):
    import_wordpress(COLUMN)
    edited = tmp_path / "edited.xml"
    edited.write_text(
        COLUMN.read_text(encoding="utf-8")
        .replace(
            "The friend who only calls for favours]]", "The friend who only rings for favours]]"
        )
        .replace("like any skill it gets easier", "like any skill it gets quicker"),
        encoding="utf-8",
    )

    report = import_wordpress(edited)

    assert "Letters: 0 created, 1 updated, 2 unchanged." in report
    assert "Articles: 0 created, 1 updated, 1 unchanged." in report
    letter = Letter.objects.get(wordpress_id=101)
    assert letter.title == "The friend who only rings for favours"
    assert letter.slug == "the-friend-who-only-calls-for-favours"  # the post_name is kept
    assert "gets quicker" in Article.objects.get(wordpress_id=105).body
    assert Letter.objects.count() == 3 and Article.objects.count() == 2


@pytest.mark.django_db
def test_a_post_that_can_now_be_split_replaces_the_article_it_was(tmp_path):
    import_wordpress(export_with(tmp_path, "<p>Just a note.</p><p>Nothing to split.</p>"))
    assert Article.objects.filter(wordpress_id=7).exists()

    import_wordpress(export_with(tmp_path, "<blockquote>Dear Elizabeth, help.</blockquote>Yes."))

    assert not Article.objects.exists()
    assert Letter.objects.get(wordpress_id=7).reply.body == "Yes."


@pytest.mark.django_db
def test_a_post_made_private_after_its_import_is_left_with_a_warning(tmp_path):
    import_wordpress(export_with(tmp_path, "<blockquote>Dear Elizabeth, help.</blockquote>Yes."))

    report = import_wordpress(
        export_with(tmp_path, "<blockquote>Help.</blockquote>Yes.", status="private")
    )

    assert "Skipped: 1 private post." in report
    assert "now private in WordPress, but imported before as letter; left as it is." in report
    assert Letter.objects.get(wordpress_id=7).is_published


@pytest.mark.django_db
def test_the_same_post_id_from_another_site_is_not_overwritten(tmp_path):
    other_site = export_with(tmp_path, "<blockquote>Dear Elizabeth, help.</blockquote>Yes.")
    other_site.write_text(other_site.read_text().replace("askelizabeth.example", "other.example"))
    import_wordpress(other_site)

    with pytest.raises(CommandError, match=r"post 7 “A letter”: WordPress post 7 was imported"):
        import_wordpress(export_with(tmp_path, "<blockquote>Hello.</blockquote>Hi."))
    assert Letter.objects.get().body == "Dear Elizabeth, help."


@pytest.mark.django_db
def test_dry_run_reports_the_same_and_writes_nothing():
    report = import_wordpress(COLUMN, "--dry-run")

    assert "Letters: 3 created, 0 updated, 0 unchanged." in report
    assert "Themes: 5 created." in report
    assert report.rstrip().endswith("Dry run: nothing was written.")
    assert not Letter.objects.exists() and not Reply.objects.exists()
    assert not Article.objects.exists() and not Theme.objects.exists()
