"""Phone numbers in sanitised HTML made into links a phone can call (`tel:`).

For the crisis notice: someone in trouble on a phone should reach a helpline with one tap,
not by copying digits. Numbers are found by Google's libphonenumber rules (the
`phonenumbers` package, offline, its data shipped with it), read as numbers of a region
(an ISO 3166-1 code, settings.CRISIS_PHONE_REGION) unless they are written with a country
code:

- full numbers in any usual format ("0800 068 41 41", "+44 (0)20 7946 0958",
  "020-7946-0958", "+1 800 273 8255") by `PhoneNumberMatcher` at its VALID leniency, and
  linked to the number in E.164 form (RFC 3966 `tel:+448000684141`), which dials from
  anywhere;
- short numbers (3 to 6 digits, perhaps in two groups: "999", "112", "116 123") which the
  matcher doesn't look for, when they are valid short numbers in the region (emergency
  services and helplines), linked as written without spaces (`tel:116123`): they only
  work in that region, which is where the notice's readers are. A short number must stand
  alone: not glued to a longer run of digits ("116.123", "12,999", "116-123-4"), a
  currency sign ("£999") or a word.

Text copied from web pages and word processors is read as a phone reads it: no-break and
other Unicode spaces (U+00A0, U+202F…) count as spaces, Unicode dashes as hyphens, and
digits of other scripts ("١١٦ ١٢٣", Arabic-Indic) as their ASCII values, so a `tel:` URI
always holds ASCII digits only (RFC 3966 allows nothing else).

Only text is changed, never markup: a number inside an existing link, or in an attribute
(a URL), stays as it is. Meant for an editor's notice, not for letters: "100" is a valid
short number in the UK, and "more than 100 letters" is not a phone number.
"""

import html
import re
import unicodedata

import phonenumbers
from phonenumbers import shortnumberinfo
from phonenumbers.phonenumberutil import NumberParseException

# nh3's output: tags and the text between them (no comments, no unquoted ">" in attributes).
TAG = re.compile(r"(<[^>]*>)")
SHORT_NUMBER = re.compile(r"\d(?:[ \-]?\d){2,5}")
# Punctuation that joins digits into one longer figure: "116.123", "12,999", "1/999".
JOINERS = frozenset(".,:/-'\u2019\u00b7")
# Signs that make the digits beside them an amount or a code, never a number to call.
CLINGERS = frozenset("+#%&@*")


def link_phone_numbers(sanitised_html, *, region):
    """`sanitised_html` (a str of well-formed HTML, such as render_markdown's) with each
    phone number in its text wrapped in `<a class="tel" href="tel:…">`, outside existing
    links. `region` is the ISO 3166-1 alpha-2 code numbers without a country code are
    read in ("GB"). Returns a str (not marked safe: the caller knows where it came from).
    """
    pieces, in_link = [], 0
    for piece in TAG.split(sanitised_html):
        if piece.startswith("<"):
            name = piece[1:].split(None, 1)[0].rstrip(">").lower() if len(piece) > 2 else ""
            if name == "a":
                in_link += 1
            elif name == "/a":
                in_link = max(in_link - 1, 0)
            pieces.append(piece)
        elif in_link or not any(character.isdigit() for character in piece):
            pieces.append(piece)
        else:
            pieces.append(_linked_text(html.unescape(piece), region))
    return "".join(pieces)


def phone_numbers(text, *, region):
    """[(start, end, tel URI)] of the phone numbers in plain `text`, in order (see the
    module's docstring for which numbers, and which URI each gets)."""
    text = _as_a_phone_reads(text)
    found = []
    for match in phonenumbers.PhoneNumberMatcher(
        text, region, leniency=phonenumbers.Leniency.VALID
    ):
        e164 = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
        found.append((match.start, match.end, f"tel:{e164}"))
    for match in SHORT_NUMBER.finditer(text):
        if any(start < match.end() and match.start() < end for start, end, _ in found):
            continue
        digits = re.sub(r"\D", "", match.group())
        if _stands_alone(text, match.start(), match.end()) and _is_short_number(digits, region):
            found.append((match.start(), match.end(), f"tel:{digits}"))
    return sorted(found)


def _as_a_phone_reads(text):
    """`text` with Unicode spaces as " ", dashes as "-" and decimal digits of any script
    as ASCII ones: one character for one, so positions in it are positions in `text`."""
    out = []
    for character in text:
        if character.isascii():
            out.append(character)
        elif character.isdecimal():
            out.append(str(unicodedata.decimal(character)))
        elif character.isspace():
            out.append(" ")
        elif unicodedata.category(character) == "Pd":
            out.append("-")
        else:
            out.append(character)
    return "".join(out)


def _glued(character, beyond):
    """Whether `character` (next to a number; `beyond` the one past it, or "") makes the
    number part of something longer: a word, a currency amount, a longer figure."""
    if character.isalnum() or character == "_" or character in CLINGERS:
        return True
    if unicodedata.category(character) == "Sc":
        return True
    return character in JOINERS and (beyond.isalnum() or beyond == "_")


def _stands_alone(text, start, end):
    """Whether text[start:end] is a whole number of its own, not a piece of a longer one."""
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    return not (
        (before and _glued(before, text[start - 2] if start > 1 else ""))
        or (after and _glued(after, text[end + 1 : end + 2]))
    )


def _is_short_number(digits, region):
    try:
        number = phonenumbers.parse(digits, region)
    except NumberParseException:
        return False
    return shortnumberinfo.is_valid_short_number_for_region(number, region)


def _linked_text(text, region):
    """Plain `text` as escaped HTML, its phone numbers as links."""
    out, position = [], 0
    for start, end, uri in phone_numbers(text, region=region):
        out.append(html.escape(text[position:start], quote=False))
        out.append(f'<a class="tel" href="{uri}">{html.escape(text[start:end])}</a>')
        position = end
    out.append(html.escape(text[position:], quote=False))
    return "".join(out)
