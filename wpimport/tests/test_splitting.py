"""A column post split into the reader's letter and the columnist's reply."""

import re

import pytest

from postbag.markdown import render_markdown
from wpimport.conversion import clean_content
from wpimport.splitting import columnist_names, split_letter

MARKER = re.compile(r"(?:Elizabeth|the columnist)\s+replies\s*:?", re.IGNORECASE)
NAMES = columnist_names("Elizabeth", "Elizabeth Hart")


def test_a_custom_reply_marker_is_matched_against_a_whole_line():
    html = clean_content(
        "Dear E, my cat ignores me. Should Elizabeth answer?\n\nCat-less\n\n<h3>ANSWER</h3>\n\n"
        "Dear Cat-less, cats do.\n\nE"
    ).html
    marker = re.compile("answer", re.IGNORECASE)

    parts = split_letter(html, reply_marker=marker, columnist_names=("E",))

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

    parts = split_letter(html, reply_marker=MARKER, columnist_names=NAMES)

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

    parts = split_letter(html, reply_marker=MARKER, columnist_names=NAMES)

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
    assert split_letter(html, reply_marker=MARKER, columnist_names=NAMES) is None


def test_a_block_editor_quote_with_a_citation_is_a_signed_letter():
    html = clean_content(
        '<!-- wp:quote --><blockquote class="wp-block-quote"><!-- wp:paragraph -->'
        "<p>Dear Elizabeth, my cat &lt;b&gt;hates&lt;/b&gt; me. I &lt;3 her.</p>"
        "<!-- /wp:paragraph --><cite>Cat-less in Cardiff</cite></blockquote><!-- /wp:quote -->"
        "<!-- wp:paragraph --><p>Dear Cat-less, cats do.</p><!-- /wp:paragraph -->"
    ).html

    parts = split_letter(html, reply_marker=MARKER, columnist_names=NAMES)

    assert parts.sign_off == "Cat-less in Cardiff"
    # Text that only looks like a tag stays text, in the Markdown and on the page.
    assert parts.letter_text == "Dear Elizabeth, my cat <b>hates</b> me. I <3 her."
    assert "my cat &lt;b&gt;hates&lt;/b&gt; me" in render_markdown(parts.letter)
