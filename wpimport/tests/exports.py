"""Small WordPress exports written by a test, one <item> per post it needs.

`write_export(tmp_path, post(...), post(...))` is a complete WXR 1.2 file with those
posts, as WordPress writes them: HTML in CDATA, the permalink in <link>, the column's
category on the posts that are letters.
"""

from html import escape

COLUMN_CATEGORY = (
    '<category domain="category" nicename="ask-elizabeth"><![CDATA[Ask Elizabeth]]></category>'
)


def post(
    post_id,
    content,
    *,
    title="A post",
    slug="",
    link=None,
    guid=None,
    excerpt="",
    status="publish",
    letter=True,
    date="2024-06-01 09:00:00",
    extra="",
):
    """One <item>: a post in the column's category (`letter`) or not, published by default.

    `link` defaults to WordPress's plain permalink, https://askelizabeth.example/?p=ID.
    `extra` is more of the item's XML, as WordPress writes it: categories, comments, meta.
    """
    link = link if link is not None else f"https://askelizabeth.example/?p={post_id}"
    guid = guid if guid is not None else f"https://askelizabeth.example/?p={post_id}"
    date_gmt = "0000-00-00 00:00:00" if status == "draft" else date
    return f"""
  <item>
    <title>{escape(title)}</title>
    <link>{escape(link)}</link>
    <dc:creator><![CDATA[elizabeth]]></dc:creator>
    <guid isPermaLink="false">{escape(guid)}</guid>
    <content:encoded><![CDATA[{content}]]></content:encoded>
    <excerpt:encoded><![CDATA[{excerpt}]]></excerpt:encoded>
    <wp:post_id>{post_id}</wp:post_id>
    <wp:post_date><![CDATA[{date}]]></wp:post_date>
    <wp:post_date_gmt><![CDATA[{date_gmt}]]></wp:post_date_gmt>
    <wp:post_name><![CDATA[{slug}]]></wp:post_name>
    <wp:status><![CDATA[{status}]]></wp:status>
    <wp:post_type><![CDATA[post]]></wp:post_type>
    {COLUMN_CATEGORY if letter else ""}{extra}
  </item>"""


def write_export(tmp_path, *items, name="export.xml", channel=""):
    """A WXR 1.2 file in `tmp_path` holding `items` (from `post`): its path. `channel` is
    more of the channel's XML (categories, tags)."""
    path = tmp_path / name
    path.write_text(export_text(*items, channel=channel), encoding="utf-8")
    return path


def category(nicename, name, *, taxonomy="category"):
    """A post's <category> element: WordPress's categories and tags alike."""
    return (
        f'\n    <category domain="{taxonomy}" nicename="{nicename}"><![CDATA[{name}]]></category>'
    )


def export_text(*items, channel="", encoding="UTF-8"):
    """The text of a WXR 1.2 export holding `items`, its declaration naming `encoding`."""
    return f"""<?xml version="1.0" encoding="{encoding}" ?>
<rss version="2.0"
  xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:wfw="http://wellformedweb.org/CommentAPI/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>Ask Elizabeth</title>
  <link>https://askelizabeth.example</link>
  <wp:wxr_version>1.2</wp:wxr_version>
  <wp:author><wp:author_login><![CDATA[elizabeth]]></wp:author_login>
    <wp:author_display_name><![CDATA[Elizabeth Hart]]></wp:author_display_name></wp:author>
  <wp:category><wp:category_nicename><![CDATA[ask-elizabeth]]></wp:category_nicename>
    <wp:cat_name><![CDATA[Ask Elizabeth]]></wp:cat_name></wp:category>{channel}
{"".join(items)}
</channel>
</rss>
"""
