"""import_wordpress refuses what it can't import safely, and names what failed."""

import pytest
from django.core.management import CommandError

from advice.models import Letter, Theme
from articles.models import Article
from wpimport.tests.support import COLUMN, FIXTURES, export_with, import_wordpress


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["billion-laughs.xml", "external-entity.xml"], ids=["entity-expansion", "external"]
)
def test_a_file_with_entities_is_refused(name):
    with pytest.raises(CommandError, match=r"declares a DTD or XML entities.*Nothing was imported"):
        import_wordpress(FIXTURES / name)
    assert not Letter.objects.exists() and not Article.objects.exists()


@pytest.mark.django_db
def test_a_file_cut_short_before_its_first_post_is_refused_with_nothing_written(tmp_path):
    text = COLUMN.read_text(encoding="utf-8")
    # Cut among the categories: the posts before a later cut are imported
    # (test_damaged_exports), but here there are none, and the categories are incomplete.
    truncated = tmp_path / "truncated.xml"
    truncated.write_text(text[: text.index("<wp:tag>")], encoding="utf-8")

    with pytest.raises(CommandError) as refused:
        import_wordpress(truncated)

    message = str(refused.value)
    assert message.startswith(f"{truncated} ends in the middle of <channel>, at line ")
    assert "the file was cut short" in message and "Nothing was imported." in message
    assert not Letter.objects.exists() and not Article.objects.exists()
    assert not Theme.objects.exists()


@pytest.mark.django_db
def test_a_file_that_is_not_a_wordpress_export_is_refused(tmp_path):
    with pytest.raises(CommandError, match=r"not-wxr.xml is not a WordPress export \(WXR\)"):
        import_wordpress(FIXTURES / "not-wxr.xml")

    atom = tmp_path / "feed.xml"
    atom.write_text('<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>')
    with pytest.raises(CommandError, match=r"an XML document of type <feed>"):
        import_wordpress(atom)

    with pytest.raises(CommandError, match=r"missing.xml can't be read"):
        import_wordpress(tmp_path / "missing.xml")


@pytest.mark.django_db
def test_a_newer_wxr_version_is_refused(tmp_path):
    path = export_with(tmp_path, "x")
    path.write_text(path.read_text().replace("<wp:wxr_version>1.1<", "<wp:wxr_version>2.0<"))
    with pytest.raises(CommandError, match=r"version 2\.0; versions 1\.1 and 1\.2 can be"):
        import_wordpress(path)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "broken, reason",
    [
        ("<p>Hello <![broken section]> there</p>", "the HTML can't be read"),
        ("<b>" * 5000 + "deep", "the HTML is nested too deeply to convert"),
    ],
    ids=["marked-section", "nesting"],
)
def test_a_post_with_broken_html_is_named_and_the_rest_imported(tmp_path, broken, reason):
    path = tmp_path / "export.xml"
    text = COLUMN.read_text(encoding="utf-8")
    path.write_text(
        text.replace("After a winter away, I’m reading your letters again.", broken),
        encoding="utf-8",
    )

    with pytest.raises(CommandError) as failed:
        import_wordpress(path)

    message = str(failed.value)
    assert "1 of 12 items could not be imported (everything else was imported)" in message
    assert f"{path}: post 104 “The postbag is open again”: {reason}" in message
    assert Letter.objects.count() == 3 and Article.objects.count() == 1


@pytest.mark.django_db
def test_a_post_that_does_not_validate_is_named(tmp_path):
    with pytest.raises(CommandError, match=r"post 7 “”: title: A letter needs a title"):
        import_wordpress(export_with(tmp_path, "<blockquote>Help.</blockquote>Yes.", title=""))
    assert not Letter.objects.exists()


@pytest.mark.django_db
def test_bad_options_are_refused_before_reading():
    with pytest.raises(CommandError, match=r"--theme-map takes OLD=NEW pairs"):
        import_wordpress(COLUMN, "--theme-map", "friendship")
    with pytest.raises(CommandError, match=r"--reply-marker is not a valid regular expression"):
        import_wordpress(COLUMN, "--reply-marker", "Elizabeth (replies")
