"""import_wordpress: a WordPress export (WXR) becomes letters with replies, articles and themes.

wpimport/tests/fixtures/wordpress/column.xml is an invented column: a letter set off by a
blockquote (published), one by a horizontal rule (a block-editor draft), one by an
"Elizabeth replies:" line (scheduled), a column post with no reply, an article with
captions, a gallery and an excerpt, and the items an export also holds that are skipped.
"""

import re
from datetime import UTC, datetime

import pytest
from django.utils import timezone

from advice.models import Letter, Reply, Theme
from articles.models import Article
from postbag.markdown import render_markdown
from tests import factories
from wpimport.tests.support import COLUMN, export_with, import_wordpress

# --- What an export becomes -------------------------------------------------------------


@pytest.mark.django_db
def test_reports_what_it_created_and_what_it_skipped():
    report = import_wordpress(COLUMN)

    assert f"{COLUMN} (WXR 1.2): 12 items." in report
    assert "Letters: 3 created, 0 updated, 0 unchanged." in report
    assert "Articles: 2 created, 0 updated, 0 unchanged." in report
    assert "Themes: 5 created." in report
    assert (
        "Skipped: 1 attachment, 1 nav_menu_item, 1 page, 1 password-protected post, "
        "1 pending post, 1 private post, 1 revision." in report
    )
    assert "could not be split" in report and "post 104 “The postbag is open again”" in report
    assert "post 105 “Five ways to say no & mean it”: removed shortcodes [gallery]" in report
    assert Letter.objects.count() == Reply.objects.count() == 3
    assert Article.objects.count() == 2


@pytest.mark.django_db
def test_a_leading_blockquote_is_the_readers_letter_and_the_rest_the_reply():
    import_wordpress(COLUMN)
    letter = Letter.objects.select_related("reply").get(wordpress_id=101)

    assert letter.title == "The friend who only calls for favours"
    assert letter.slug == "the-friend-who-only-calls-for-favours"
    assert letter.wordpress_guid == "https://askelizabeth.example/?p=101"
    assert letter.status == Letter.Status.PUBLISHED and letter.is_published
    assert letter.published_at == datetime(2024, 3, 5, 9, 30, tzinfo=UTC)
    # The salutation gets a paragraph of its own; the sign-off leaves the text for its field.
    assert letter.body.startswith("Dear Elizabeth,\n\nI’ve known Marie since school.")
    assert letter.body.endswith("as she puts it? 😔")
    assert letter.original_text == letter.body  # no Markdown in this letter to take out
    assert letter.sign_off == letter.original_sign_off == "Confused in Leeds"
    assert {theme.slug for theme in letter.themes.all()} == {"friendship", "self-worth"}

    reply = letter.reply
    assert reply.body.startswith("Dear Confused in Leeds,\n\nYou are not too sensitive.")
    assert "You’re *noticing*." in reply.body
    assert "[Here is how to start](https://example.org/talking)" in reply.body
    assert reply.sign_off == "Big love, Elizabeth"
    assert "Big love" not in reply.body
    assert reply.columnist_name == "Elizabeth Hart"  # the author's display name, by login


@pytest.mark.django_db
def test_a_horizontal_rule_splits_a_block_editor_draft():
    import_wordpress(COLUMN)
    letter = Letter.objects.select_related("reply").get(wordpress_id=102)

    # A draft already has its reply: it waits, answered, for an editor to publish it.
    assert letter.status == Letter.Status.DRAFTED and letter.published_at is None
    # No GMT date on a draft: the local date, read in the site's time zone (BST in May).
    assert letter.received_at == datetime(2024, 5, 2, 9, 15, tzinfo=UTC)
    assert letter.slug == "my-brother-wants-another-loan"  # no post_name yet: from the title
    assert letter.sign_off == "Tired in Tunbridge"
    assert letter.body == (
        "Dear Elizabeth,\n\nMy brother has asked to borrow money again. The last loan, two "
        "years ago, was never mentioned again, let alone paid back. Mum says family is family "
        "and I should help. I feel mean for even hesitating."
    )
    assert letter.reply.body.endswith(
        "- Say no once, without a speech.\n"
        "- Don’t argue with Mum about it: it isn’t hers to decide."
    )
    assert letter.reply.sign_off == "Elizabeth x"
    assert "wp:" not in letter.body + letter.reply.body
    assert {theme.slug for theme in letter.themes.all()} == {"family", "boundaries"}


@pytest.mark.django_db
def test_a_reply_marker_line_splits_a_scheduled_letter():
    import_wordpress(COLUMN)
    letter = Letter.objects.select_related("reply").get(wordpress_id=103)

    assert letter.status == Letter.Status.PUBLISHED and letter.is_scheduled
    assert letter.published_at == datetime(2099, 3, 1, 9, 0, tzinfo=UTC)
    assert letter not in Letter.objects.published()
    assert letter.received_at <= timezone.now()  # it has arrived, though not yet published
    assert letter.body.endswith("Is it too late to say sorry?")
    assert letter.sign_off == "Still Ashamed, Swindon"
    assert "replies" not in letter.body + letter.reply.body
    assert letter.reply.body.startswith("Dear Still Ashamed,\n\nIt is not too late.")
    assert letter.reply.sign_off == "Big love, Elizabeth"


@pytest.mark.django_db
def test_a_column_post_that_cannot_be_split_becomes_an_article():
    import_wordpress(COLUMN)
    article = Article.objects.get(wordpress_id=104)

    assert article.title == "The postbag is open again"
    assert article.body.startswith("After a winter away, I’m reading your letters again.")
    assert article.standfirst == "Elizabeth is back, and reading."
    assert article.byline == "Elizabeth Hart"
    # Neither the letters category nor WordPress's "Uncategorized" is a theme.
    assert not article.themes.exists()
    assert not Theme.objects.filter(slug__in=["ask-elizabeth", "uncategorized"]).exists()


@pytest.mark.django_db
def test_an_article_keeps_its_images_captions_and_excerpt():
    import_wordpress(COLUMN)
    article = Article.objects.get(wordpress_id=105)

    assert article.title == "Five ways to say no & mean it"
    assert article.slug == "five-ways-to-say-no"
    assert article.byline == "Sam Okafor"
    assert article.standfirst == "A kind no is still a no. Here is how to say it."
    assert article.status == Article.Status.PUBLISHED
    assert article.body == (
        "Saying no is a skill, and like any skill it gets easier with practice. Here are a few "
        "ways to begin.\n\n"
        "## Keep it short\n\n"
        "The longer the explanation, the more there is to argue with.\n\n"
        "![Two teacups on a garden table]"
        "(https://askelizabeth.example/wp-content/uploads/2024/03/teacups.jpg)\n\n"
        "*Say it over tea, not over text.*\n\n"
        "![An open notebook with a short list]"
        "(https://askelizabeth.example/wp-content/uploads/2024/03/notebook.jpg)\n\n"
        "*Write your no down first.*\n\n"
        "Whatever you say, say it once. “No” is a complete sentence: [name removed] taught me "
        "that."
    )
    assert {theme.slug for theme in article.themes.all()} == {"relationships", "boundaries"}


@pytest.mark.django_db
def test_the_report_lists_images_that_pages_could_not_show(tmp_path, settings):
    settings.SITE_URL = "https://column.example.org"
    settings.IMAGE_HOSTS = ["images.example.org", "*.cdn.example.net"]
    images = {
        "here": "/wp-content/uploads/2024/06/here.jpg",
        "site": "https://column.example.org/media/uploads/site.jpg",
        "allowed": "https://images.example.org/allowed.jpg",
        "subdomain": "https://eu.cdn.example.net/subdomain.jpg",
        "old site": "https://askelizabeth.example/wp-content/uploads/2024/06/old.jpg",
        "tracker": "//tracker.example.com/pixel.gif?reader=1",
        "lookalike": "https://cdn.example.net.evil.example/x.png",
    }
    tags = "".join(f'<img src="{src}" alt="{alt}">' for alt, src in images.items())
    export = export_with(tmp_path, f"<blockquote>Help me.</blockquote><p>Yes. {tags}</p>")

    for report in (import_wordpress(export, "--dry-run"), import_wordpress(export)):
        heading = "Images on other hosts, which pages will not show"
        assert heading in report and "IMAGE_HOSTS" in report
        listed = report.split(heading, 1)[1]
        for alt in ("old site", "tracker", "lookalike"):
            assert f"post 7 “A letter”: {images[alt]}" in listed, alt
        for alt in ("here", "site", "allowed", "subdomain"):
            assert images[alt] not in listed, alt
    assert "![tracker](//tracker.example.com/pixel.gif?reader=1)" in Reply.objects.get().body

    # Nothing to list, nothing said.
    kept = f'<img src="{images["here"]}" alt="here"><img src="{images["allowed"]}" alt="ok">'
    plain = export_with(tmp_path, f"<blockquote>Help me.</blockquote><p>Yes. {kept}</p>")
    assert "Images on other hosts" not in import_wordpress(plain)


@pytest.mark.django_db
def test_themes_keep_the_names_slugs_and_descriptions_of_categories_and_tags():
    import_wordpress(COLUMN)

    assert dict(Theme.objects.values_list("slug", "name")) == {
        "friendship": "Friendship",
        "self-worth": "Self-worth",
        "family": "Family",
        "boundaries": "Boundaries",
        "relationships": "Relationships",
    }
    assert Theme.objects.get(slug="boundaries").description == "Saying no, and meaning it."


@pytest.mark.django_db
def test_an_existing_theme_is_reused_as_it_is():
    factories.theme(slug="friendship", name="Friends", description="Curated by the editors.")
    import_wordpress(COLUMN)

    theme = Theme.objects.get(slug="friendship")
    assert (theme.name, theme.description) == ("Friends", "Curated by the editors.")
    assert Letter.objects.get(wordpress_id=101).themes.filter(pk=theme.pk).exists()


@pytest.mark.django_db
def test_theme_map_renames_and_merges_by_slug():
    report = import_wordpress(
        COLUMN, "--theme-map", "friendship=relationships,self-worth=confidence", "--theme-map",
        "no-such-term=x",
    )  # fmt: skip

    assert set(Theme.objects.values_list("slug", "name")) == {
        ("relationships", "Relationships"),  # merged into an existing category
        ("confidence", "Confidence"),  # renamed to a slug no term has
        ("family", "Family"),
        ("boundaries", "Boundaries"),
    }
    themes = Letter.objects.get(wordpress_id=101).themes.values_list("slug", flat=True)
    assert set(themes) == {"relationships", "confidence"}
    assert "--theme-map: no category or tag “no-such-term”." in report


@pytest.mark.django_db
def test_only_themes_keeps_a_chosen_vocabulary():
    import_wordpress(COLUMN, "--only-themes", "boundaries,family", "--only-themes", "Confidence")

    assert set(Theme.objects.values_list("slug", flat=True)) == {"boundaries", "family"}
    assert not Letter.objects.get(wordpress_id=101).themes.exists()
    assert set(Article.objects.get(wordpress_id=105).themes.values_list("slug", flat=True)) == {
        "boundaries"
    }


@pytest.mark.django_db
def test_letters_category_can_be_named_by_slug_and_repeated():
    import_wordpress(COLUMN, "--letters-category", "relationships", "--letters-category", "family")

    # Now "Ask Elizabeth" is an ordinary category: a theme, and its posts articles.
    assert set(Letter.objects.values_list("wordpress_id", flat=True)) == {102, 103}
    assert Theme.objects.filter(slug="ask-elizabeth").exists()
    assert not Theme.objects.filter(slug__in=["relationships", "family"]).exists()
    # Without "family", letter 102 would become an article: that takes the option saying so.
    again = import_wordpress(COLUMN, "--letters-category", "relationships", "--allow-kind-changes")
    assert "post 105" in again


# --- Safety of what is imported ---------------------------------------------------------


@pytest.mark.django_db
def test_the_imported_letter_page_shows_the_reply_and_nothing_unsafe(client):
    import_wordpress(COLUMN)
    letter = Letter.objects.get(wordpress_id=101)

    response = client.get(letter.get_absolute_url())

    assert response.status_code == 200
    page = response.content.decode()
    assert "Elizabeth Hart replies" in page
    assert "Friendships settle into shapes" in page
    assert "Big love, Elizabeth" in page and "Confused in Leeds" in page
    assert "“too sensitive”" in page and "café" in page and "😔" in page
    assert 'alt="a pixel"' in page
    # The page's own structured data is the only script; nothing of the post's runs.
    scripts = re.findall(r"<script\b[^>]*>", page)
    assert all('type="application/ld+json"' in script for script in scripts)
    for unsafe in ("gotcha", "alert(", "onerror", "javascript:"):
        assert unsafe not in page


@pytest.mark.django_db
def test_no_unsafe_html_survives_the_renderer(tmp_path):
    hostile = (
        "<blockquote>Dear Elizabeth, help.<br>Worried</blockquote>"
        "<p>Dear Worried,</p><script>alert(1)</script>"
        '<p><img src="x.png" onerror="alert(1)" alt="x"> <a href="javascript:alert(1)">a</a> '
        '<a href=" JaVaScRiPt:alert(2)">b</a> <img src="data:image/png;base64,AAAA" alt="d"> '
        '<iframe src="javascript:alert(3)"></iframe><iframe src="https://video.example/1">'
        '</iframe> <span onclick="alert(4)">c</span> &lt;script&gt;alert(5)&lt;/script&gt;</p>'
        "<style>body{display:none}</style><form action=/x><input name=a></form>"
    )
    import_wordpress(export_with(tmp_path, hostile))
    letter = Letter.objects.select_related("reply").get()

    stored = letter.body + letter.reply.body
    assert "javascript" not in stored.lower() and "data:" not in stored
    assert "<https://video.example/1>" in stored  # an embedded player becomes a link
    html = str(render_markdown(letter.body)) + str(render_markdown(letter.reply.body))
    for unsafe in ("<script", "onerror", "onclick", "javascript:", "<iframe", "<style", "<form"):
        assert unsafe not in html.lower()


@pytest.mark.django_db
def test_a_title_pasted_with_tabs_and_line_breaks_comes_across_on_one_line(tmp_path):
    """Postbag's titles are one line; WordPress keeps whatever was pasted into one."""
    content = (
        "<blockquote><p>Dear Elizabeth, my sister never calls me back.</p></blockquote>"
        "<p>Call her once more, then let her come to you.</p>"
    )
    path = export_with(tmp_path, content, title="When my sister\tnever\n  calls back")
    report = import_wordpress(path)
    assert "Letters: 1 created" in report
    assert Letter.objects.get().title == "When my sister never calls back"
