"""Lists nested in a WordPress post stay nested on the page.

markdownify writes a nested list the CommonMark way, indented under its item's text (two
spaces under "- "); the site's renderer reads CommonMark, so the page nests it as the post
did. Python-Markdown, the renderer before, needed four spaces and flattened them.
"""

import re

import pytest

from advice.models import Letter
from wpimport.tests.support import export_with, import_wordpress

POST = """<blockquote><p>Dear Elizabeth,</p><p>How do I start again after a break-up?</p>
<p>Lost in Luton</p></blockquote>
<p>Dear Lost in Luton,</p>
<p>Three things, in this order:</p>
<ol>
  <li>Rest
    <ul>
      <li>sleep at the same time each night</li>
      <li>say no to one thing a week
        <ul><li>and mean it</li></ul>
      </li>
    </ul>
  </li>
  <li>Ring one old friend</li>
</ol>
<p>Big love, Elizabeth</p>"""


@pytest.mark.django_db
def test_an_imported_nested_list_is_nested_on_the_page(tmp_path, client):
    import_wordpress(export_with(tmp_path, POST, title="Starting again"))
    letter = Letter.objects.get(wordpress_id=7)

    html = "".join(client.get(letter.get_absolute_url()).content.decode().split())
    reply = html[html.index("Threethings") :]
    assert re.search(
        r"<ol><li>Rest<ul><li>sleepatthesametimeeachnight</li>"
        r"<li>saynotoonethingaweek<ul><li>andmeanit</li></ul></li></ul></li>"
        r"<li>Ringoneoldfriend</li></ol>",
        reply,
    ), reply
