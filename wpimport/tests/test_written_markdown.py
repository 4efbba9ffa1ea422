"""The Markdown an import writes shows every word of the post, and the reply marker is
found the way the line reads.

The site's renderer (postbag.markdown) drops blocks nested deeper than its limit, ends a
table cell at a "|", and shows a bare address as text: the importer writes Markdown that
none of these can cost a word. A standfirst is only ever plain text.
"""

import re

import pytest

from advice.models import Letter
from articles.models import Article
from postbag.markdown import render_markdown
from wpimport.tests.exports import post, write_export
from wpimport.tests.support import import_wordpress


def import_article(tmp_path, content, **fields):
    report = import_wordpress(write_export(tmp_path, post(40, content, letter=False, **fields)))
    return Article.objects.get(wordpress_id=40), report


def shown(markdown):
    """The words a reader sees: the rendered HTML without its tags."""
    return re.sub(r"<[^>]+>", " ", str(render_markdown(markdown)))


# --- Where the reply starts ------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "marker_line, marker",
    [
        ("<p>Elizabeth&nbsp;replies:</p>", "Elizabeth replies"),
        ("<p>Вера&nbsp;отвечает:</p>", "Вера отвечает"),
        ("Elizabeth replies:", "^Elizabeth replies:$"),  # a line of a classic-editor post
    ],
    ids=["no-break-space", "no-break-space-cyrillic", "anchored"],
)
def test_the_reply_marker_matches_the_line_as_it_reads(tmp_path, marker_line, marker):
    content = (
        "Dear Elizabeth,\nMy sister never rings back. Should I stop trying?\nQuiet in Croydon"
        f"\n{marker_line}\nRing once more, then let her come to you."
    )
    import_wordpress(write_export(tmp_path, post(41, content)), "--reply-marker", marker)

    letter = Letter.objects.get(wordpress_id=41)
    assert letter.reply.body == "Ring once more, then let her come to you."
    assert "Should I stop trying?" in letter.body and "replies" not in letter.body


# --- Nothing lost when shown -----------------------------------------------------------------


def nested_list(levels):
    items = "".join(f"<li>level{n}<ul>" for n in range(1, levels))
    return f"<ul>{items}<li>level{levels}</li>" + "</ul></li>" * (levels - 1) + "</ul>"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content, words",
    [
        (nested_list(12), [f"level{n}" for n in range(1, 13)]),
        (
            "".join(f"<blockquote><p>quote{n}</p>" for n in range(1, 25)) + "</blockquote>" * 24,
            [f"quote{n}" for n in range(1, 25)],
        ),
        (
            "<blockquote>" * 10 + nested_list(6) + "</blockquote>" * 10,
            [f"level{n}" for n in range(1, 7)],
        ),
    ],
    ids=["list-12-deep", "quote-24-deep", "list-in-quotes"],
)
def test_nesting_deeper_than_a_page_shows_is_flattened_with_every_word_kept(
    tmp_path, content, words
):
    article, report = import_article(tmp_path, content)

    seen = shown(article.body).split()
    assert [word for word in seen if word in words] == words  # all of them, in order
    assert (
        "post 40 “A post”: lists or quotations nested deeper than a page shows (8 list levels, "
        "16 quotation levels) were flattened into the deepest level shown: check the post's "
        "shape."
    ) in report


@pytest.mark.django_db
def test_a_bar_in_a_table_cell_stays_in_the_cell(tmp_path):
    table = "<table><tr><th>odds</th><th>a|b</th></tr><tr><td>1</td><td>2|3</td></tr></table>"
    article, _ = import_article(tmp_path, table)

    page = str(render_markdown(article.body))
    assert "<td>2|3</td>" in page and "<th>a|b</th>" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content",
    [
        "Watch this first:\n\nhttps://www.youtube.com/watch?v=a1b2c3\n\nThen read on.",
        "<p>Watch this first:</p><p>https://www.youtube.com/watch?v=a1b2c3</p><p>Then read on.</p>",
    ],
    ids=["own-line", "own-paragraph"],
)
def test_a_bare_address_on_its_own_line_becomes_a_link_with_a_warning(tmp_path, content):
    article, report = import_article(tmp_path, content)

    assert '<a href="https://www.youtube.com/watch?v=a1b2c3"' in str(render_markdown(article.body))
    assert (
        "post 40 “A post”: an address alone on its line, which WordPress showed as what it "
        "leads to (a video's player, say), became a link: embed it by hand if it should play."
    ) in report


@pytest.mark.django_db
@pytest.mark.parametrize(
    "teaser, standfirst",
    [
        ("<ul><li>one</li><li>two</li></ul>", ""),
        (
            "<p>Three things to try this week.</p><ol><li>Rest</li></ol>",
            "Three things to try this week.",
        ),  # fmt: skip
        ("<blockquote><p>Quoted words.</p></blockquote>", ""),
    ],
    ids=["list", "paragraph-and-list", "quotation"],
)
def test_a_standfirst_is_only_ever_the_plain_text_of_paragraphs(tmp_path, teaser, standfirst):
    article, _ = import_article(tmp_path, f"{teaser}\n<!--more-->\n<p>The rest of it.</p>")

    assert article.standfirst == standfirst
    assert "The rest of it." in article.body and "two" not in article.standfirst
