"""A column post split into the reader's letter and the columnist's reply, with sign-offs.

A post is split at the first of: a leading quotation, a horizontal rule, a line that
starts with the reply marker ("Elizabeth replies:", "Thanks for writing!"). Each side then
gives up its last line when that is a sign-off. Works on HTML that has been through
`conversion.clean_content`.
"""

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup
from bs4.element import Tag

from postbag.markdown import sanitised_html
from wpimport.conversion import html_to_text, parse_html, soup_to_markdown


@dataclass(frozen=True)
class LetterParts:
    """A column post split into the reader's letter and the columnist's reply."""

    letter: str  # Markdown, without the reader's sign-off
    letter_text: str  # the same as plain text
    sign_off: str  # the reader's ("Confused in Leeds"), or ""
    reply: str  # Markdown, without the columnist's sign-off
    reply_sign_off: str  # the columnist's ("Big love, Elizabeth"), or ""


_DASHES = "—–-~ "
_SALUTATION = re.compile(r"(?:dear|hi|hello|hey)\s+(?P<name>[^,:;!.?]{1,60}?)\s*[,:;!.]?", re.I)
# Lines a reader ends with that are not a sign-off themselves ("Thanks for listening").
_CLOSING = re.compile(
    r"(?:thanks|thank you|many thanks|regards|kind regards|best wishes|yours)\b", re.I
)
SIGN_OFF_MAX_LENGTH = 60


def split_letter(html_text, *, reply_marker, columnist_names) -> LetterParts | None:
    """The reader's letter and the columnist's reply in a column post, or None if not found.

    The letter is the first of: a leading <blockquote>; what comes before the first <hr>;
    what comes before the first line that starts with a match of `reply_marker` (a compiled
    pattern); that line is dropped when it is only a label, and starts the reply when it
    is a sentence (`_reply_marker_line`).
    A salutation ("Dear Elizabeth,") that shares a paragraph with what follows is given
    its own. The reader's sign-off is a short last line that is not a sentence ("Confused
    in Leeds", "— Tired in Tunbridge"), or any last line the reply's salutation addresses
    ("Dear Confused in Leeds,"). The columnist's is a short last line with one of
    `columnist_names` in it ("Big love, Elizabeth"), joined to a valediction on the line
    before ("Big love," / "Elizabeth"). Both are found only on a line of prose: never the
    last item of a list, a quotation or a table.
    """
    parts = _split(parse_html(html_text), reply_marker)
    if parts is None:
        return None
    letter, reply = parts
    reply, reply_sign_off = _take_columnist_sign_off(reply, columnist_names)
    letter, sign_off = _take_reader_sign_off(letter, addressed_as=_addressee(reply))
    letter = _salutation_apart(letter)
    return LetterParts(
        letter=letter,
        letter_text=_markdown_to_text(letter),
        sign_off=sign_off,
        reply=_salutation_apart(reply),
        reply_sign_off=reply_sign_off,
    )


def _markdown_to_text(text):
    # Rendered by the site's renderer first, so that the plain text reads as the page does
    # (not memoised: an import's texts would push out what readers are reading).
    return html_to_text(sanitised_html(text))


def _split(soup, reply_marker):
    """(letter, reply) as Markdown, or None when no split is found or a side is empty."""
    blocks = [node for node in soup.contents if isinstance(node, Tag) or node.strip()]
    letter = reply = None
    if blocks and blocks[0].name == "blockquote":
        letter, reply = _markdown_of(list(blocks[0].contents)), _markdown_of(blocks[1:])
    else:
        rule = next((index for index, block in enumerate(blocks) if block.name == "hr"), None)
        if rule is not None:
            letter, reply = _markdown_of(blocks[:rule]), _markdown_of(blocks[rule + 1 :])
        else:
            lines = soup_to_markdown(soup).split("\n")
            begun = False  # a marker such as "Dear" greets both: not before the letter
            for index, line in enumerate(lines):
                kept = _reply_marker_line(line, reply_marker) if begun else None
                if kept is not None:
                    letter = "\n".join(lines[:index]).rstrip()
                    reply = "\n".join([kept, *lines[index + 1 :]]).strip()
                    break
                begun = begun or bool(line.strip())
    if not letter or not reply:
        return None
    return letter, reply


# Unicode's spaces other than the plain one (no-break, narrow, ideographic…), one for one.
_SPACES = re.compile(r"[^\S\n]")
# What ends a sentence, perhaps inside a closing quote or bracket ("… courage!”").
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")


def _reply_marker_line(line, reply_marker):
    """What a reply-marker line leaves of itself at the start of the reply, or None when
    `line` (Markdown) is not one.

    A marker line starts with a match of `reply_marker` (any case) that ends at a word's
    end, whatever follows. Only a label ("Elizabeth replies:", "ELIZABETH REPLIES") is
    dropped: "" is returned. A label followed by a colon and more words ("**Elizabeth
    replies:** It sounds…") leaves those words. A sentence ("Thanks for writing!",
    "Thanks for writing, it takes courage.") is the reply's first line: returned whole.
    """
    plain, where = _unmarked(line)
    # As the line reads: a no-break space (Elizabeth&nbsp;replies) is a space, and the
    # Markdown line break ("  " at the end) is no part of it, so "…replies:$" matches.
    plain = _SPACES.sub(" ", plain).rstrip()
    found = reply_marker.match(plain)
    if found is None or not found.group(0).strip():
        return None
    end = found.end()
    if end < len(plain) and found.group(0)[-1:].isalnum() and plain[end].isalnum():
        return None  # "Thanks" is not the start of "Thanksgiving"
    after = plain[end:]
    punctuation = re.match(r"\W*", after).group(0)
    label = (plain[:end] + punctuation).rstrip()
    if punctuation == after:  # nothing but the marker and punctuation
        return line if _SENTENCE_END.search(label) else ""
    if ":" in re.search(r"\W*$", plain[:end]).group(0) + punctuation:
        colon = plain.rindex(":", 0, end + len(punctuation))
        return _after_label(line, where[colon] + 1)
    return line


def _unmarked(line):
    """The words of a Markdown line without heading marks, emphasis or escapes, and for
    each of their characters its index in `line`."""
    heading = re.match(r"\s*(?:#{1,6}\s+)?", line).end()
    chars, where = [], []
    index = heading
    while index < len(line):
        char = line[index]
        if char == "\\" and index + 1 < len(line):
            index += 1
            char = line[index]
        elif char in "*_":
            index += 1
            continue
        chars.append(char)
        where.append(index)
        index += 1
    return "".join(chars), where


def _after_label(line, cut):
    """The Markdown of `line` after index `cut` (just after a label's colon), with the
    label's emphasis, if it closes there, gone with it ("**Label:** Text" → "Text")."""
    opening = re.match(r"\s*(?:#{1,6}\s+)?([*_]*)", line).group(1)
    rest = line[cut:]
    if opening and rest.startswith(opening):
        return rest[len(opening) :].strip()
    # The emphasis runs on past the label ("**Label: text**"): it opens the text instead.
    return f"{opening}{rest.strip()}" if rest.strip() else ""


def _markdown_of(nodes):
    fragment = BeautifulSoup("", "html.parser")
    for node in nodes:
        fragment.append(node)  # moves it out of the post's tree
    return soup_to_markdown(fragment)


def _line_words(line):
    """The words of a Markdown line, without emphasis, heading marks or escapes."""
    words = re.sub(r"^#{1,6}\s+", "", line.strip()).strip("*_ ")
    return re.sub(r"\\(.)", r"\1", words)


def _without_last_line(text):
    """The Markdown without its last line, and the words of that line."""
    lines = text.rstrip().split("\n")
    last = lines.pop()
    return "\n".join(lines).rstrip(), _line_words(last)


def _has_several_lines(text):
    return sum(1 for line in text.split("\n") if line.strip()) >= 2


def _ends_in_prose(text):
    """Whether the Markdown's last line is prose, not part of a list, quotation or table."""
    lines = [line.lstrip() for line in text.split("\n") if line.strip()]
    last = lines[-1]
    if last.startswith((">", "|", "```", "![")) or re.match(r"\d+[.)]\s", last):
        return False
    # "- Anon" is a sign-off after a dash, or the last item of a list: the line before tells.
    bullets = ("- ", "* ", "+ ")
    return not (last.startswith(bullets) and len(lines) > 1 and lines[-2].startswith(bullets))


def _is_short(words, *, most_words=8):
    return 0 < len(words) <= SIGN_OFF_MAX_LENGTH and len(words.split()) <= most_words


def _same_words(first, second):
    def normal(text):
        return re.sub(r"\W+", " ", text).strip().casefold()

    return normal(first) == normal(second)


def _take_reader_sign_off(letter, *, addressed_as):
    if not _has_several_lines(letter) or not _ends_in_prose(letter):
        return letter, ""
    rest, last = _without_last_line(letter)
    words = last.lstrip(_DASHES)
    if addressed_as and _same_words(words, addressed_as):
        return rest, words
    if not _is_short(words) or _SALUTATION.fullmatch(words) or _CLOSING.match(words):
        return letter, ""
    # A dash marks a sign-off whatever ends it; without one, a sentence is not a sign-off.
    if (words != last and not words.endswith("?")) or not words.endswith(tuple(".?!:;,")):
        return rest, words
    return letter, ""


def _take_columnist_sign_off(reply, names):
    if not _has_several_lines(reply) or not _ends_in_prose(reply):
        return reply, ""
    rest, last = _without_last_line(reply)
    words = last.lstrip(_DASHES)
    if (
        not _is_short(words)
        or words.endswith(("?", ":", ";"))  # a question to readers, not a signature
        or not any(_mentions(words, name) for name in names if name)
    ):
        return reply, ""
    if _has_several_lines(rest):
        before, previous = _without_last_line(rest)
        if _is_short(previous, most_words=5) and previous.endswith(","):
            return before, f"{previous} {words}"
    return rest, words


def _mentions(text, name):
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.I) is not None


def _addressee(reply):
    """Whom the reply's first line addresses ("Dear Confused in Leeds," → that), or ""."""
    salutation = _SALUTATION.fullmatch(_line_words(reply.split("\n", 1)[0]))
    return salutation.group("name") if salutation else ""


def _salutation_apart(text):
    """Give a salutation that shares its paragraph with the next line a paragraph of its own."""
    first, _, rest = text.partition("\n")
    if rest.strip() and not rest.startswith("\n") and _SALUTATION.fullmatch(_line_words(first)):
        return f"{first.rstrip()}\n\n{rest}"
    return text


def columnist_names(*names: str) -> tuple[str, ...]:
    """The names a columnist signs with: each full name given, and its first word."""
    found = []
    for name in names:
        name = name.strip()
        if name:
            found.extend([name, name.split()[0]])
    return tuple(dict.fromkeys(found))


def default_reply_marker(columnist_name) -> str:
    """The pattern of a reply-marker line when none is given: "Elizabeth replies:",
    "The columnist answers" and the like, for `columnist_name` (COLUMNIST_NAME).

    Only as a label: alone on its line or followed by a colon ("Elizabeth replies: It
    sounds…"), never a sentence of the letter ("Elizabeth says I worry too much").
    """
    name = re.escape(columnist_name)
    return rf"(?:{name}|the columnist)\s+(?:replies|answers|says|writes)(?:\s*:|\W*$)"
