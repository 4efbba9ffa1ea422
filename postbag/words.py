"""Counting the words of a Markdown text as a reader would count them.

One rule, kept in step with `countWords` in static/js/editor-layout.js (the editor's live
count): a word is a run of letters, combining marks and digits of any script (Unicode
categories L*, M*, N*), joined across an apostrophe (' or ’) with letters on both sides
("don't", "rock'n'roll"). Markdown and HTML say nothing: a link counts its text only, an
image, an address and a tag count nothing. tests/test_editor_layout.py holds both
versions to the same strings.
"""

import re
import unicodedata

# The same patterns, in the same order, as MARKUP in editor-layout.js.
MARKUP = [
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), " "),  # an image: its alt text is not read aloud
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # [text](address)
    (re.compile(r"\[([^\]]*)\]\[[^\]]*\]"), r"\1"),  # [text][reference]
    (re.compile(r"^ {0,3}\[[^\]]+\]:.*$", re.MULTILINE), " "),  # [reference]: address
    (re.compile(r"<[^>\n]*>"), " "),  # tags and <autolinks>
    (re.compile(r"(?:https?://|www\.)\S+"), " "),  # a bare address
    (re.compile(r"&#?\w+;"), " "),  # an entity such as &amp;
]
APOSTROPHES = "'’"


def _in_word(character):
    return unicodedata.category(character)[0] in "LMN"


def count_words(markdown):
    """The number of words (an int ≥ 0) in `markdown` (a str; None counts 0)."""
    text = markdown or ""
    for pattern, replacement in MARKUP:
        text = pattern.sub(replacement, text)
    words = 0
    for i, character in enumerate(text):
        if not _in_word(character):
            continue
        before = text[i - 1] if i else " "
        joined = before in APOSTROPHES and i >= 2 and _in_word(text[i - 2])
        if not _in_word(before) and not joined:
            words += 1
    return words


def words_phrase(count):
    """ "1 word", "412 words"."""
    return f"{count} word" if count == 1 else f"{count} words"


# The notes under the column's length; editor-layout.js takes them from the page.
UNDER_NOTE = "A little short: fine, if it says what it needs to."
OVER_NOTE = "On the long side: worth a trim, if something can go."


def length_guidance(count, target):
    """What the column's length says, as guidance, never a rule: `count` words against
    `target`, a (low, high) pair of words (settings.COLUMN_TARGET_WORDS). Returns
    (sentence, state), state being "under", "within" or "over" (for styling only):
    ("Letter and reply: 640 words — the column aims for 300–900.", "within")."""
    low, high = target
    sentence = f"Letter and reply: {words_phrase(count)} — the column aims for {low}–{high}."
    if count < low:
        return f"{sentence} {UNDER_NOTE}", "under"
    if count > high:
        return f"{sentence} {OVER_NOTE}", "over"
    return sentence, "within"
