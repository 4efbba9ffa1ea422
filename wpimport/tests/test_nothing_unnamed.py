"""Nothing an import changes or leaves behind goes unnamed in its report.

Slugs that collide, names too long for a theme, two categories that become one theme,
a slug whose percent-encoding is broken, a post ID or a permalink that two posts share,
reader comments and featured images, which are not imported: each is named with its post.
Themes are matched by name the same way on SQLite and PostgreSQL.
"""

from urllib.parse import quote

import pytest

from advice.models import Theme
from articles.models import Article
from wpimport.tests.exports import category, post, write_export
from wpimport.tests.support import import_wordpress

SITE = "https://askelizabeth.example"


def article(post_id, title, *, slug="", link=None, extra=""):
    return post(
        post_id, "<p>A few words of our own.</p>", title=title, slug=slug, link=link,
        letter=False, extra=extra,
    )  # fmt: skip


def warnings_of(report):
    """The lines of the report's Warnings section, without their indent."""
    section = report.split("Warnings:\n", 1)[1]
    return [line.strip() for line in section.splitlines() if line.startswith("  ")]


@pytest.mark.django_db
def test_a_category_and_a_tag_named_alike_in_any_case_become_one_theme(tmp_path):
    friendship = quote("дружба").lower()
    report = import_wordpress(
        write_export(
            tmp_path,
            article(1, "Она звонит только по делу", extra=category(friendship, "Дружба")),
            article(2, "Старый друг", extra=category(f"{friendship}-2", "дружба", taxonomy="post_tag")),  # noqa: E501
        )
    )  # fmt: skip

    assert list(Theme.objects.values_list("name", "slug")) == [("Дружба", "дружба")]
    assert Article.objects.get(wordpress_id=2).themes.get().slug == "дружба"
    assert "“дружба” (дружба-2) became the theme “Дружба” (дружба), which has its name" in report


@pytest.mark.django_db
def test_two_categories_of_one_name_under_different_parents_are_named_as_one_theme(tmp_path):
    report = import_wordpress(
        write_export(
            tmp_path,
            article(1, "Asking for a raise", extra=category("work-advice", "Advice")),
            article(2, "Sharing the chores", extra=category("family-advice", "Advice")),
        )
    )

    assert Theme.objects.get().slug == "work-advice"
    assert (
        "“Advice” (family-advice) became the theme “Advice” (work-advice), which has its "
        "name: WordPress kept them apart (a category and a tag, or two categories under "
        "different parents). To keep them apart here, give one a theme of its own with "
        "--theme-map family-advice=NEW-SLUG."
    ) in warnings_of(report)


@pytest.mark.django_db
def test_a_category_name_too_long_for_a_theme_is_cut_at_a_word_and_named(tmp_path):
    name = (
        "Letters about the long slow work of forgiving a parent who never once said sorry, "
        "collected"
    )
    report = import_wordpress(
        write_export(tmp_path, article(1, "Forgiving", extra=category("forgiving", name)))
    )

    theme = Theme.objects.get()
    assert len(name) > 80 and len(theme.name) <= 80
    assert (
        theme.name == "Letters about the long slow work of forgiving a parent who never once said…"
    )
    assert (
        f"“{name}” is {len(name)} characters, more than the 80 a theme's name holds: the "
        f"theme is named “{theme.name}”, cut at a word; rename it in the admin if you like."
    ) in warnings_of(report)


@pytest.mark.django_db
def test_slugs_and_addresses_that_collide_are_named(tmp_path):
    shared = f"{SITE}/2019/05/second-chances/"
    report = import_wordpress(
        write_export(
            tmp_path,
            article(12, "Second chances", slug="second-chances", link=shared),
            article(13, "Second chances, again", slug="second-chances", link=shared),
        )
    )

    assert warnings_of(report) == [
        "post 13 “Second chances, again”: its slug “second-chances” belongs to post 12 "
        "“Second chances” already, so this article is at /articles/second-chances-2/.",
        "post 13 “Second chances, again”: its WordPress address /2019/05/second-chances/ was "
        "also that of post 12 “Second chances”, which it led to until now: it leads to this "
        "article.",
    ]


@pytest.mark.django_db
def test_a_post_id_twice_in_one_file_is_named(tmp_path):
    report = import_wordpress(
        write_export(
            tmp_path, article(7, "The first seventh", slug="first"),
            article(7, "The second seventh", slug="second"),
        )
    )  # fmt: skip

    assert Article.objects.get().title == "The second seventh"
    assert (
        "post 7 “The second seventh”: its post ID is that of post 7 “The first seventh”, "
        "earlier in the file (one ID names one post on a WordPress site: was the file joined "
        "from two?): it was imported over that one, which is gone."
    ) in warnings_of(report)


@pytest.mark.django_db
def test_a_slug_with_broken_percent_encoding_is_made_from_the_title_and_named(tmp_path):
    report = import_wordpress(
        write_export(tmp_path, article(9, "Broken in two", slug="%d0%bf%d1%80%d0%b"))
    )

    assert Article.objects.get().slug == "broken-in-two"  # not "прb"
    assert (
        "post 9 “Broken in two”: WordPress's slug “%d0%bf%d1%80%d0%b” is cut or broken (its "
        "percent-encoding stops inside a character), so it would lose letters: its address "
        "was made from the title."
    ) in warnings_of(report)


def comment(comment_id, *, approved="1", kind="comment"):
    return f"""
    <wp:comment>
      <wp:comment_id>{comment_id}</wp:comment_id>
      <wp:comment_author><![CDATA[A reader]]></wp:comment_author>
      <wp:comment_content><![CDATA[This helped me more than I can say.]]></wp:comment_content>
      <wp:comment_approved><![CDATA[{approved}]]></wp:comment_approved>
      <wp:comment_type><![CDATA[{kind}]]></wp:comment_type>
      <wp:comment_parent>0</wp:comment_parent>
    </wp:comment>"""


FEATURED = """
    <wp:postmeta>
      <wp:meta_key><![CDATA[_thumbnail_id]]></wp:meta_key>
      <wp:meta_value><![CDATA[42]]></wp:meta_value>
    </wp:postmeta>"""


@pytest.mark.django_db
def test_reader_comments_and_featured_images_are_named_as_not_imported(tmp_path):
    report = import_wordpress(
        write_export(
            tmp_path,
            article(3, "When to stop lending", extra=comment(1) + comment(2, kind="")
                    + comment(3, kind="pingback") + comment(4, approved="spam") + FEATURED),
            article(4, "Saying no kindly", extra=comment(5, approved="0")),
            article(5, "Nothing to add"),
        )
    )  # fmt: skip

    assert (
        "Not imported: 3 reader comments on 2 posts (post 3 “When to stop lending”: 2, post 4 "
        "“Saying no kindly”: 1); the featured images of 1 post (post 3 “When to stop "
        "lending”)."
    ) in report.splitlines()
