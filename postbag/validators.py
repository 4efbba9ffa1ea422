"""Control characters in the text editors write: refused when saved, removed where shown.

XML 1.0 (https://www.w3.org/TR/xml/#charsets) can hold tab, line feed, carriage return and
everything from U+0020 up, except the surrogates and U+FFFE and U+FFFF. The rest of C0 can't
be written in a feed at all, shows as nothing (or a box) on a page, and is only ever there
by accident: pasted from a PDF, a spreadsheet or a terminal. So the content models refuse it
(`validate_single_line`, `validate_multiline`, shown by the admin form next to the field),
and whatever writes a feed removes it (`strip_control_characters`) from rows saved before.
"""

import re

from django.core.exceptions import ValidationError

# What no text may hold: XML 1.0 can't write it, and no one types it on purpose; nor a bidi
# embedding or override (U+202A-U+202E), which turns the words after it round on the page.
# Isolates (U+2066-U+2069), ZWJ (emoji) and ZWNJ (Persian) are real writing and stay.
NOT_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\u202a-\u202e\ud800-\udfff\ufffe\uffff]")
# A one-line field (a title, a name, a sign-off) holds no tab or line break either, nor a
# bidi embedding, override or isolate (U+202A-U+202E, U+2066-U+2069): in a name shown next
# to other text, one can turn the words after it around ("Trojan Source", CVE-2021-42574).
BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
NOT_IN_ONE_LINE = re.compile(rf"[\x00-\x1f\ud800-\udfff\ufffe\uffff{BIDI_CONTROLS}]")
NAMES = {"\t": "a tab", "\n": "a line break", "\r": "a line break"}
CONTEXT_CHARACTERS = 20


def validate_single_line(value):
    """Refuse any control character, tab and line breaks included, and bidi embeddings,
    overrides and isolates (ValidationError). Every one-line field of the site uses this."""
    _refuse(NOT_IN_ONE_LINE, value)


def validate_multiline(value):
    """Refuse control characters other than tab, line feed and carriage return, and bidi
    embeddings and overrides (ValidationError)."""
    _refuse(NOT_IN_TEXT, value)


def _refuse(pattern, value):
    match = pattern.search(value or "")
    if match is None:
        return
    character = match.group()
    before = " ".join(NOT_IN_ONE_LINE.sub(" ", value[: match.start()]).split())
    before = before[-CONTEXT_CHARACTERS:].lstrip()
    if character in NAMES:
        message = (
            "There is %(name)s (U+%(code)04X) %(where)s, and this field takes one line. "
            "Please delete it and save again."
        )
    elif re.match(f"[{BIDI_CONTROLS}]", character):
        message = (
            "There is an invisible character that turns the direction of writing "
            "(U+%(code)04X) %(where)s. Please delete it (retyping the words around it is the "
            "surest way) and save again: text in any script shows the right way round without it."
        )
    else:
        message = (
            "There is an invisible control character (U+%(code)04X) %(where)s. Please delete "
            "it (retyping the words around it is the surest way) and save again."
        )
    raise ValidationError(
        message,
        code="control_character",
        params={
            "name": NAMES.get(character, ""),
            "code": ord(character),
            "where": f"after “{before}”" if before else "at the start",
        },
    )


def strip_control_characters(text, *, single_line=False):
    """`text` without what `validate_multiline` refuses; with `single_line`, tabs and line
    breaks become spaces as well, so that the words around them stay apart, and bidi
    controls go (what `validate_single_line` refuses)."""
    if single_line:
        text = re.sub(f"[{BIDI_CONTROLS}]+", "", re.sub(r"[\t\n\r]+", " ", text))
    return NOT_IN_TEXT.sub("", text)


# The longest title a letter or article may have: a heading's limit (about 80 words), not
# WordPress's, which has none. The README's "Moving from WordPress" says why; the importer
# shortens a longer one at a word (wpimport.importer).
TITLE_LENGTH = 500
