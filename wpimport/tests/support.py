"""What the WordPress import's tests share: the fixtures' folder and the command."""

from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command

FIXTURES = Path(__file__).parent / "fixtures" / "wordpress"
COLUMN = FIXTURES / "column.xml"


def import_wordpress(path, *options):
    """Run the command as an editor would; what it printed on stdout."""
    out = StringIO()
    call_command("import_wordpress", str(path), *options, stdout=out, stderr=StringIO())
    return out.getvalue()


def run_command(path, *options):
    """The command run as an editor would: (its report on stdout, its error message, its
    exit status)."""
    out = StringIO()
    try:
        call_command("import_wordpress", str(path), *options, stdout=out, stderr=StringIO())
    except CommandError as error:
        return out.getvalue(), str(error), error.returncode
    return out.getvalue(), "", 0


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
