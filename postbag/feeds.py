"""The site's Atom format: plain-text summaries, whole HTML content, nothing XML can't hold.

Titles, names and categories are Atom text by default, and the summary is written with
type="text" (RFC 4287 §3.1.1), where Django declares it HTML. A summary is plain text
already (a standfirst; a letter's first sentence, its entities decoded), so as "html" a
reader's "&lt;img onerror=…&gt;" would come alive.

Every string goes through `strip_control_characters` on its way into the feed: XML 1.0
can't hold most control characters, and one in a name saved before validation refused them
must not make the feed a 500, or unreadable to every feed reader.
"""

from django.utils.feedgenerator import Atom1Feed

from postbag.validators import strip_control_characters


def xml_safe(value):
    """`value` (a string, a list of strings, or anything else) without what XML 1.0 can't
    hold; what is not a string passes as it is."""
    if isinstance(value, str):
        return strip_control_characters(value)
    if isinstance(value, list | tuple):
        return [xml_safe(item) for item in value]
    return value


class AtomWithContent(Atom1Feed):
    """Atom with a plain-text <summary> and each entry's whole HTML in <content>.

    Django's Atom1Feed writes the summary as type="html" and has no <content>. Every string
    of the feed and its entries is made XML-safe here, in one place.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.feed = {name: xml_safe(value) for name, value in self.feed.items()}

    def add_item(self, *args, **kwargs):
        super().add_item(*args, **kwargs)
        self.items[-1] = {name: xml_safe(value) for name, value in self.items[-1].items()}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})
        handler.addQuickElement("content", item["content"], {"type": "html"})
