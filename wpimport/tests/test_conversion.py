"""Post HTML → Markdown: classic-editor paragraphs and shortcodes."""

import pytest

from wpimport import conversion


def test_classic_editor_paragraphs_and_line_breaks_become_markdown():
    content = conversion.clean_content(
        "First line\nsecond line.\n\nA new paragraph.\n<pre>keep\n\n  this</pre>\n<!--more-->\nEnd."
    )
    assert conversion.html_to_markdown(content.html) == (
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
    assert expected in conversion.html_to_markdown(conversion.clean_content(content).html)
