"""The podcast format: RSS 2.0 with an enclosure per item and the tags podcast apps read.

RSS 2.0 (https://www.rssboard.org/rss-specification) carries the sound in each item's
<enclosure url length type>; podcast apps and directories read the rest from the iTunes
namespace, as Apple's requirements describe it ("A Podcaster's Guide to RSS" and "Podcast
RSS feed requirements", podcasters.apple.com): for the show <itunes:image> (a square JPEG or
PNG of 1400 to 3000 pixels), <itunes:category>, <itunes:explicit> ("true" or "false"),
<itunes:author>, <itunes:owner>, <itunes:type>; for each episode <itunes:duration> (seconds),
<itunes:explicit>, <itunes:episodeType>. <itunes:summary> (which Apple now reads from
<description>, and older apps still read) repeats the plain-text description, and
<content:encoded> holds the whole piece as HTML: the transcript, for apps that show notes.

As in the Atom feeds (postbag/feeds.py), every string is made XML-safe on its way in, and
what the format requires is never empty: a title, and an enclosure's length ("0" when it
isn't known, as the RSS Advisory Board's profile says).
"""

from django.utils.feedgenerator import Rss201rev2Feed

from postbag.feeds import UNTITLED, not_blank, safe_item, xml_safe

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
CONTENT = "http://purl.org/rss/1.0/modules/content/"


class PodcastRss(Rss201rev2Feed):
    """RSS 2.0 for podcast apps.

    The feed takes, besides Django's own: `image_url` (absolute URL of the show's square
    artwork), `author`, `owner_name`, `owner_email`, `explicit` (bool), `categories_itunes`
    (a list of (category, subcategory or None) from Apple's list). Each item takes
    `duration` (whole seconds, or None), `content` (HTML) and `image_url`.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        feed = {name: xml_safe(value) for name, value in self.feed.items()}
        feed["title"] = not_blank(feed["title"]) or UNTITLED
        self.feed = feed

    def add_item(self, *args, **kwargs):
        super().add_item(*args, **kwargs)
        self.items[-1] = safe_item(self.items[-1])

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:itunes": ITUNES, "xmlns:content": CONTENT}

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        feed = self.feed
        add = handler.addQuickElement
        add("itunes:summary", feed["description"])
        add("itunes:author", feed["author"])
        add("itunes:image", None, {"href": feed["image_url"]})
        for category, subcategory in feed["categories_itunes"]:
            handler.startElement("itunes:category", {"text": category})
            if subcategory:
                add("itunes:category", None, {"text": subcategory})
            handler.endElement("itunes:category")
        add("itunes:explicit", _boolean(feed["explicit"]))
        add("itunes:type", "episodic")
        handler.startElement("itunes:owner", {})
        add("itunes:name", feed["owner_name"])
        if feed["owner_email"]:
            add("itunes:email", feed["owner_email"])
        handler.endElement("itunes:owner")
        # RSS 2.0's own <image>, for the apps that read only that.
        handler.startElement("image", {})
        add("url", feed["image_url"])
        add("title", feed["title"])
        add("link", feed["link"])
        handler.endElement("image")

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        add = handler.addQuickElement
        if item["description"] is not None:
            add("itunes:summary", item["description"])
        if item["author_name"]:
            add("itunes:author", item["author_name"])
        if item.get("duration"):
            add("itunes:duration", str(int(item["duration"])))
        add("itunes:explicit", _boolean(self.feed["explicit"]))
        add("itunes:episodeType", "full")
        if item.get("image_url"):
            add("itunes:image", None, {"href": item["image_url"]})
        if item.get("content"):
            add("content:encoded", item["content"])


def _boolean(value):
    return "true" if value else "false"
