"""The site's Atom format: plain-text summaries, whole HTML content, nothing XML can't hold.

Titles, names and categories are Atom text by default, and the summary is written with
type="text" (RFC 4287 §3.1.1), where Django declares it HTML. A summary is plain text
already (a standfirst; a letter's first sentence, its entities decoded), so as "html" a
reader's "&lt;img onerror=…&gt;" would come alive.

Every string goes through `strip_control_characters` on its way into the feed: XML 1.0
can't hold most control characters, and one in a name saved before validation refused them
must not make the feed a 500, or unreadable to every feed reader.

What Atom requires (RFC 4287 §4.1) is there whatever the strings held: a title that isn't
empty, and an author for every entry. The feed names the site as its author, which stands
for any entry whose own author is empty (§4.2.1); an empty author name or category term is
left out rather than written empty.

An entry's identity (Atom's <id>, RSS's <guid>) is `entry_id`: a tag URI made of what never
changes, the piece's kind and primary key, not its address, so a slug renamed after
publication doesn't make feed readers and podcast apps show the piece again as new.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.utils.feedgenerator import Atom1Feed

from postbag.links import site_origin
from postbag.validators import strip_control_characters

# The date in our tag URIs (RFC 4151 §2.1: a day on which the site's owner held its host
# name). Fixed: were it to change, every entry would look new to every reader at once.
TAG_DATE = "2026"


def xml_safe(value):
    """`value` (a string, a list of strings, or anything else) without what XML 1.0 can't
    hold; what is not a string passes as it is."""
    if isinstance(value, str):
        return strip_control_characters(value)
    if isinstance(value, list | tuple):
        return [xml_safe(item) for item in value]
    return value


UNTITLED = "Untitled"


def entry_id(kind, pk):
    """A feed entry's lasting identity, an RFC 4151 tag URI such as
    "tag:column.example.org,2026:letter-12": the site's host name (from SITE_URL, without
    port), TAG_DATE, and the piece's `kind` ("letter", "article") and primary key `pk`."""
    host = urlsplit(site_origin()).hostname or "localhost"
    return f"tag:{host},{TAG_DATE}:{kind}-{pk}"


def not_blank(value):
    """`value`, or None when it is None or holds nothing but white space."""
    return value if value and value.strip() else None


def safe_item(item):
    """A feed item (Django's feedgenerator dict) with every string XML-safe, a title that
    isn't empty, and no empty author name or category term (RFC 4287 §4.1.2; an RSS item
    needs a title or a description too)."""
    item = {name: xml_safe(value) for name, value in item.items()}
    item["title"] = not_blank(item["title"]) or UNTITLED
    item["author_name"] = not_blank(item["author_name"])
    item["categories"] = [term for term in item["categories"] if not_blank(term)]
    return item


class AtomWithContent(Atom1Feed):
    """Atom with a plain-text <summary> and each entry's whole HTML in <content>.

    Django's Atom1Feed writes the summary as type="html" and has no <content>. Every string
    of the feed and its entries is made XML-safe here, in one place, and what Atom requires
    is never left empty.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        feed = {name: xml_safe(value) for name, value in self.feed.items()}
        feed["author_name"] = not_blank(feed["author_name"]) or settings.COLUMN_NAME
        self.feed = feed

    def add_item(self, *args, **kwargs):
        super().add_item(*args, **kwargs)
        self.items[-1] = safe_item(self.items[-1])

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})
        handler.addQuickElement("content", item["content"], {"type": "html"})
