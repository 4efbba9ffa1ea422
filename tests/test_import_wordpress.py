"""import_wordpress: a WordPress export (WXR) becomes letters with replies, articles and themes.

tests/fixtures/wordpress/column.xml is an invented column: a letter set off by a
blockquote (published), one by a horizontal rule (a block-editor draft), one by an
"Elizabeth replies:" line (scheduled), a column post with no reply, an article with
captions, a gallery and an excerpt, and the items an export also holds that are skipped.
"""

import re
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.core.management.base import OutputWrapper
from django.utils import timezone

from advice.models import Letter, Reply, Theme
from articles.models import Article
from postbag import wordpress
from postbag.management.commands.import_wordpress import LOG_EVERY, Progress
from postbag.markdown import render_markdown
from tests import factories

FIXTURES = Path(__file__).parent / "fixtures" / "wordpress"
COLUMN = FIXTURES / "column.xml"
MARKER = re.compile(r"(?:Elizabeth|the columnist)\s+replies\s*:?", re.IGNORECASE)
NAMES = wordpress.columnist_names("Elizabeth", "Elizabeth Hart")


def import_wordpress(path, *options):
    """Run the command as an editor would; what it printed on stdout."""
    out = StringIO()
    call_command("import_wordpress", str(path), *options, stdout=out, stderr=StringIO())
    return out.getvalue()


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


def export_with(tmp_path, content, *, title="A letter", status="publish"):
    """A one-post export in the column's category, for the cases column.xml doesn't hold.

    It is WXR 1.1, where column.xml is 1.2: both versions are read alike.
    """
    path = tmp_path / "export.xml"
    path.write_text(
        f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.1/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <wp:wxr_version>1.1</wp:wxr_version>
  <item>
    <title>{title}</title>
    <dc:creator>elizabeth</dc:creator>
    <guid isPermaLink="false">https://askelizabeth.example/?p=7</guid>
    <content:encoded><![CDATA[{content}]]></content:encoded>
    <wp:post_id>7</wp:post_id>
    <wp:post_date>2024-06-01 10:00:00</wp:post_date>
    <wp:post_date_gmt>2024-06-01 09:00:00</wp:post_date_gmt>
    <wp:post_name>a-letter</wp:post_name>
    <wp:status>{status}</wp:status>
    <wp:post_type>post</wp:post_type>
    <category domain="category" nicename="ask-elizabeth"><![CDATA[Ask Elizabeth]]></category>
  </item>
</channel>
</rss>
""",
        encoding="utf-8",
    )
    return path


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
    assert letter.status == Letter.Status.ANSWERED and letter.published_at is None
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
    assert "post 105" in import_wordpress(COLUMN, "--letters-category", "relationships")


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


# --- Running it again -------------------------------------------------------------------


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


# --- Bad input --------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["billion-laughs.xml", "external-entity.xml"], ids=["entity-expansion", "external"]
)
def test_a_file_with_entities_is_refused(name):
    with pytest.raises(CommandError, match=r"declares a DTD or XML entities.*Nothing was imported"):
        import_wordpress(FIXTURES / name)
    assert not Letter.objects.exists() and not Article.objects.exists()


@pytest.mark.django_db
def test_a_truncated_file_is_refused_with_nothing_written(tmp_path):
    text = COLUMN.read_text(encoding="utf-8")
    # Cut in the middle of the fifth post: the first four are complete, and still not written.
    truncated = tmp_path / "truncated.xml"
    truncated.write_text(text[: text.index("Five ways to say no") + 200], encoding="utf-8")

    with pytest.raises(CommandError) as refused:
        import_wordpress(truncated)

    message = str(refused.value)
    assert str(truncated) in message and "not well-formed XML" in message
    assert "Is the file complete?" in message and "Nothing was imported." in message
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


# --- Progress ---------------------------------------------------------------------------


class Terminal(StringIO):
    def isatty(self):
        return True


def test_progress_draws_a_bar_on_a_terminal():
    terminal = Terminal()
    progress = Progress(OutputWrapper(terminal), total=4)
    for _ in range(4):
        progress.advance()
    progress.finish()

    assert terminal.getvalue().endswith(f"\r[{'#' * 30}] 100%  4 of 4 items\n")
    assert "\x1b[" not in terminal.getvalue()  # not coloured like an error


def test_progress_writes_a_plain_line_now_and_then_elsewhere():
    log = StringIO()
    progress = Progress(OutputWrapper(log), total=LOG_EVERY * 2 + 1)
    for _ in range(LOG_EVERY * 2 + 1):
        progress.advance()
    progress.finish()

    assert log.getvalue().splitlines() == [
        f"Read {LOG_EVERY} of {LOG_EVERY * 2 + 1} items.",
        f"Read {LOG_EVERY * 2} of {LOG_EVERY * 2 + 1} items.",
    ]


# --- The pure parts ---------------------------------------------------------------------


def test_posts_stream_with_their_fields():
    posts = list(wordpress.iter_posts(COLUMN))

    assert [post.wordpress_id for post in posts] == [
        101,
        102,
        103,
        104,
        105,
        2,
        42,
        50,
        120,
        130,
        131,
        132,
    ]
    first = posts[0]
    assert (first.post_type, first.status, first.creator) == ("post", "publish", "elizabeth")
    assert [term.slug for term in first.terms] == ["ask-elizabeth", "friendship", "self-worth"]
    assert "wp:comment" not in first.content and "This could have been me" not in first.content


def test_the_first_pass_counts_the_items_and_reads_the_channel():
    export = wordpress.read_export(COLUMN)
    assert export.item_count == 12
    assert export.authors == {"elizabeth": "Elizabeth Hart", "sam": "Sam Okafor"}
    assert "ask-elizabeth" in export.terms and "boundaries" in export.terms


@pytest.mark.parametrize(
    "date_gmt, date, expected",
    [
        ("2024-07-01 08:00:00", "2024-07-01 09:00:00", datetime(2024, 7, 1, 8, tzinfo=UTC)),
        ("0000-00-00 00:00:00", "2024-07-01 09:00:00", datetime(2024, 7, 1, 8, tzinfo=UTC)),
        ("0000-00-00 00:00:00", "2024-01-15 09:00:00", datetime(2024, 1, 15, 9, tzinfo=UTC)),
        ("", "", None),
    ],
)
def test_dates_fall_back_to_local_time_in_the_sites_zone(date_gmt, date, expected):
    post = next(wordpress.iter_posts(COLUMN))
    post = type(post)(**{**post.__dict__, "date_gmt": date_gmt, "date": date})
    local = timezone.get_default_timezone()  # Europe/London
    assert wordpress.publication_time(post, local_timezone=local) == expected


def test_classic_editor_paragraphs_and_line_breaks_become_markdown():
    content = wordpress.clean_content(
        "First line\nsecond line.\n\nA new paragraph.\n<pre>keep\n\n  this</pre>\n<!--more-->\nEnd."
    )
    assert wordpress.html_to_markdown(content.html) == (
        "First line  \nsecond line.\n\nA new paragraph.\n\n```\nkeep\n\n  this\n```\n\nEnd."
    )


@pytest.mark.parametrize(
    "content, expected",
    [
        ('[caption caption="Old style"]<img src="/a.jpg" alt="A">[/caption]', "*Old style*"),
        ("[embed]https://video.example/1[/embed]", "https://video.example/1"),
        ('[contact-form-7 id="5"] and [sic] stay', "and [sic] stay"),
        ("[audio mp3=/a.mp3][/audio]Heard", "Heard"),
    ],
)
def test_shortcodes_keep_what_a_reader_would_see(content, expected):
    assert expected in wordpress.html_to_markdown(wordpress.clean_content(content).html)


def test_a_custom_reply_marker_is_matched_against_a_whole_line():
    html = wordpress.clean_content(
        "Dear E, my cat ignores me. Should Elizabeth answer?\n\nCat-less\n\n<h3>ANSWER</h3>\n\n"
        "Dear Cat-less, cats do.\n\nE"
    ).html
    marker = re.compile("answer", re.IGNORECASE)

    parts = wordpress.split_letter(html, reply_marker=marker, columnist_names=("E",))

    assert parts.letter == "Dear E, my cat ignores me. Should Elizabeth answer?"
    assert parts.sign_off == "Cat-less"
    assert (parts.reply, parts.reply_sign_off) == ("Dear Cat-less, cats do.", "E")


@pytest.mark.parametrize(
    "letter, sign_off",
    [
        ("<p>My sister never calls.<br>Left Out in Leeds</p>", "Left Out in Leeds"),
        ("<p>My sister never calls.</p><p>– Sad, 42</p>", "Sad, 42"),
        ("<p>My sister never calls.</p><p>Thanks for reading this.</p>", ""),
        ("<p>My sister never calls.</p><p>Thanks in advance</p>", ""),
        ("<p>My sister never calls. What should I do?</p>", ""),
        ("<p>My sister never calls. She:</p><ul><li>forgets</li><li>Never Rings</li></ul>", ""),
        ("<p>My sister never calls.</p><blockquote><p>Busy, sorry</p></blockquote>", ""),
        # The reply addresses the reader by their sign-off, whatever it looks like.
        ("<p>My sister never calls.</p><p>Nobody's Fool!</p>", "Nobody's Fool!"),
    ],
)
def test_the_readers_sign_off_is_a_short_last_line(letter, sign_off):
    addressed = "Nobody's Fool" if sign_off == "Nobody's Fool!" else "reader"
    html = f"<blockquote>{letter}</blockquote><p>Dear {addressed},</p><p>Call her.</p>"

    parts = wordpress.split_letter(html, reply_marker=MARKER, columnist_names=NAMES)

    assert parts.sign_off == sign_off
    assert parts.letter.startswith("My sister never calls.")
    if sign_off:
        assert sign_off not in parts.letter


@pytest.mark.parametrize(
    "ending, sign_off",
    [
        ("<p>Big love,<br>Elizabeth</p>", "Big love, Elizabeth"),
        ("<p>With love and luck,</p><p>Elizabeth Hart</p>", "With love and luck, Elizabeth Hart"),
        ("<p>— Elizabeth</p>", "Elizabeth"),
        ("<p>Be brave.</p>", ""),
        ("<p>Ask Elizabeth's readers: have you been there?</p>", ""),
        ("<ul><li>Call her.</li><li>Elizabeth's rule</li></ul>", ""),
    ],
)
def test_the_columnists_sign_off_names_the_columnist(ending, sign_off):
    html = f"<blockquote><p>Help.</p></blockquote><p>Call her.</p>{ending}"

    parts = wordpress.split_letter(html, reply_marker=MARKER, columnist_names=NAMES)

    assert parts.reply_sign_off == sign_off
    assert parts.reply.startswith("Call her.")


@pytest.mark.parametrize(
    "html",
    [
        "<p>Just a note, with no reply.</p>",
        "<blockquote><p>A quotation, then nothing.</p></blockquote>",
        "<hr><p>A rule before anything.</p>",
        "<p>Elizabeth replies:</p><p>A reply to no letter.</p>",
    ],
)
def test_a_post_without_both_a_letter_and_a_reply_is_not_split(html):
    assert wordpress.split_letter(html, reply_marker=MARKER, columnist_names=NAMES) is None


def test_a_block_editor_quote_with_a_citation_is_a_signed_letter():
    html = wordpress.clean_content(
        '<!-- wp:quote --><blockquote class="wp-block-quote"><!-- wp:paragraph -->'
        "<p>Dear Elizabeth, my cat &lt;b&gt;hates&lt;/b&gt; me. I &lt;3 her.</p>"
        "<!-- /wp:paragraph --><cite>Cat-less in Cardiff</cite></blockquote><!-- /wp:quote -->"
        "<!-- wp:paragraph --><p>Dear Cat-less, cats do.</p><!-- /wp:paragraph -->"
    ).html

    parts = wordpress.split_letter(html, reply_marker=MARKER, columnist_names=NAMES)

    assert parts.sign_off == "Cat-less in Cardiff"
    # Text that only looks like a tag stays text, in the Markdown and on the page.
    assert parts.letter_text == "Dear Elizabeth, my cat <b>hates</b> me. I <3 her."
    assert "my cat &lt;b&gt;hates&lt;/b&gt; me" in render_markdown(parts.letter)


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
