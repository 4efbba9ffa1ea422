"""Plain text from Markdown, for meta descriptions, feeds, structured data and excerpts.

Not rendered (a card needs only the words, and rendering costs more than this), but with
the renderer's typography (`typographic`: curly quotes, dashes), so that an excerpt reads
as the page it stands for.
"""

import html
import re
import unicodedata

import nh3
from django.utils.text import Truncator, capfirst

from postbag.markdown import typographic

# Markdown's markup, for plain-text views of it: [links](…) keep their text; emphasis,
# headings, quotes and list markers go.
# A link or image keeps its text: its address may hold one level of parentheses (as
# Wikipedia's do) and a title; a "[" with no "](" after it on its line is plain text, and
# link text holds no bracket (so that a run of "[" costs a glance each, not a scan each).
MARKUP = re.compile(
    r"!?\[([^\[\]\n]*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"\n]*\")?\)"
    r"|^\s{0,3}(?:#{1,6}|>|[-+*]|\d+[.)])\s+|\*{1,3}|_{2,3}|`+",
    re.MULTILINE,
)
# A letter opens with a salutation ("Dear Elizabeth,"), which says nothing about it.
SALUTATION = re.compile(r"^\s*dear\b[^\n,]{0,60},\s*", re.IGNORECASE)
SENTENCE = re.compile(r".+?[.!?…](?=\s|$)", re.DOTALL)


def strip_markup(markdown):
    """Markdown source without its markup characters: not rendered, see plain_text."""
    return MARKUP.sub(lambda match: match.group(1) or "", markdown or "")


def plain_text(markdown):
    """The words of Markdown (a str), without markup or HTML, on one line, typographic.

    nh3 drops any HTML (with what <script> or <style> held); the text comes back unescaped,
    for the template or the JSON encoder to escape.
    """
    words = html.unescape(nh3.clean(strip_markup(markdown), tags=set())).split()
    return typographic(" ".join(words))


def lede(markdown, length=160):
    """The first sentence of a letter's Markdown, past its salutation, at most `length`
    characters (cut at a word, with an ellipsis): for a description or a summary."""
    text = SALUTATION.sub("", plain_text(markdown))
    match = SENTENCE.match(text)
    return Truncator(capfirst(match.group() if match else text)).chars(length)


# --- What readers type ---------------------------------------------------------------------


def normalise_newlines(text):
    """`text` with every line break as one line feed: a browser sends a textarea's breaks
    as CRLF (HTML's form submission rules), and an old Mac program may send a bare CR. A
    break is one character for every limit, and is stored once."""
    return (text or "").replace("\r\n", "\n").replace("\r", "\n")


def visible_length(text):
    """How many characters of `text` show: not whitespace, not format characters
    (Unicode category Cf: zero-width spaces and joiners, bidi controls, soft hyphens). The
    measure for every minimum length and for "is anything there at all"."""
    return sum(1 for c in text or "" if not c.isspace() and unicodedata.category(c) != "Cf")


def excerpt(text, *, words=18, characters=120):
    """`text` on one line, cut at `words` words and at `characters` characters as well
    (a text without spaces, or in a script written without them, has one long "word")."""
    return Truncator(Truncator(" ".join((text or "").split())).words(words)).chars(characters)
