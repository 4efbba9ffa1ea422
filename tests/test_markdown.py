"""The one renderer keeps ordinary writing and removes everything that could run."""

import pytest

from postbag.markdown import render_markdown


@pytest.mark.parametrize(
    "markdown, forbidden",
    [
        ("Hello <script>alert('x')</script>", "<script"),
        ('<img src="x.png" onerror="alert(1)">', "onerror"),
        ("[click me](javascript:alert(1))", "javascript:"),
        ('<a href="JaVaScRiPt:alert(1)">x</a>', "javascript"),
        ("![pixel](data:image/png;base64,iVBORw0KGgo=)", "data:"),
        ("[file](data:text/html,<b>hi</b>)", "data:"),
        ('<iframe src="https://example.org/"></iframe>', "<iframe"),
        ("<style>body{display:none}</style>", "<style"),
        ('<p style="position:fixed">x</p>', "style="),
        ('<form action="/x"><input name="a"></form>', "<form"),
        ('[x](https://example.org/){: onclick="alert(1)" }', "onclick"),
    ],
)
def test_removes_what_could_run_or_restyle_the_page(markdown, forbidden):
    assert forbidden.lower() not in render_markdown(markdown).lower()


def test_keeps_the_writing():
    html = render_markdown(
        "## Heading\n\nSome *emphasis* and **strength**.\n\n"
        "- one\n- two\n\n1. first\n\n"
        "> a quotation\n\n"
        "[a link](https://example.org/page) and ![a kind face](/media/uploads/face.png)"
    )
    assert "<h2>Heading</h2>" in html
    assert "<em>emphasis</em>" in html and "<strong>strength</strong>" in html
    assert "<ul>" in html and "<li>one</li>" in html and "<ol>" in html
    assert "<blockquote>" in html
    assert 'href="https://example.org/page"' in html
    assert 'rel="noopener noreferrer nofollow"' in html
    assert '<img alt="a kind face" src="/media/uploads/face.png">' in html


def test_template_filter_uses_the_same_renderer():
    from django.template import Context, Template

    out = Template("{% load postbag %}{{ text|markdown }}").render(
        Context({"text": "**hi** <script>x</script>"})
    )
    assert out == str(render_markdown("**hi** <script>x</script>"))
    assert "<strong>hi</strong>" in out and "<script" not in out
