"""Reading a damaged WordPress export: what is wrong with it, where, and what was done.

Exports come damaged in a few usual ways: a plugin printed a blank line before `<?xml`, a
post holds a control character pasted from a PDF (XML forbids it, so a strict parser refuses
the whole file), a byte of an old Latin-1 post survived a change of charset, or a download
was cut short. `RepairingReader` stands between the file and the XML parser: it decodes the
bytes itself (UTF-8, or what the XML declaration names), reads a byte that isn't UTF-8 as
Windows-1252 where it is a character there (else as U+FFFD), removes the characters XML 1.0
forbids and character references to them, and keeps a `Repair` for each, with its line and
column. Before any of that, the file's first bytes say what it is (wpimport.sniffing): a
ZIP or a web page is refused by name, UTF-16 without a byte order mark and UTF-8 labelled
Latin-1 are read as what they are, and a PHP warning printed before `<?xml` is blanked.
wpimport.parsing.Reading is one streaming pass of the parser over this reader. It holds one
block of the file at a time, and at most MAX_REPAIRS repairs in detail (the rest are
counted), so memory stays flat.
"""

import codecs
import re
from collections import deque
from dataclasses import dataclass

from wpimport import sniffing

BLOCK_SIZE = 64 * 1024  # bytes read at a time
MAX_REPAIRS = 200  # repairs described one by one; the rest are counted
LONGEST_CHARACTER = 4  # bytes, in UTF-8, UTF-16 and the East Asian encodings

# Labels browsers read as Windows-1252 (WHATWG Encoding): files that say ISO-8859-1 mostly
# hold Windows-1252's curly quotes and dashes in 0x80-0x9F.
_WINDOWS_1252 = frozenset({"cp1252", "iso8859-1", "ascii"})
_BOMS = {
    codecs.BOM_UTF8: "utf-8",
    codecs.BOM_UTF16_LE: "utf-16-le",
    codecs.BOM_UTF16_BE: "utf-16-be",
}
_DECLARED_ENCODING = re.compile(
    rb"""[ \t\r\n]*<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z][A-Za-z0-9._:-]*)["']"""
)
_DECLARATION = re.compile(r"\A[ \t\r\n]*(<\?xml\s[^>]*?\?>)")
# What XML 1.0 forbids (https://www.w3.org/TR/xml/#charsets), and references to anything:
# two patterns, as two fast scans beat one of both.
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));")
# In UTF-8 and Windows-1252, no character XML forbids starts with one of these bytes (U+FFFE
# and U+FFFF start with 0xEF): a block of nothing else, found so by a fast bytes.translate,
# is spared the slower scan for such characters.
_INNOCENT_BYTES = bytes(set(range(0x20, 0x100)) - {0xEF} | {0x9, 0xA, 0xD})
_CUT_REFERENCE = re.compile(r"&(?:#[xX]?[0-9a-fA-F]{0,10})?\Z")  # held for the next block


class UnknownEncoding(ValueError):
    """The XML declaration names an encoding Python can't decode."""


class NotAnExport(ValueError):
    """The file is something else (a ZIP, a web page): the message says what, and what to
    do, as the end of a sentence that starts with the file's name."""


@dataclass(frozen=True)
class Repair:
    """One change made to the file as it was read."""

    line: int
    column: int  # in characters from 1, as the file reads (a wrong byte counts one)
    at: tuple[int, int]  # where the parser sees it: (line, column from 0) of the repaired text
    what: str  # "removed U+0001 (a control character), which XML forbids"

    def __str__(self):
        return f"line {self.line}, column {self.column}: {self.what}."


class RepairingReader:
    """A text file-like over the binary `source`: read() returns the export's text, decoded
    and with what XML forbids removed; `repairs` holds a Repair for each change not yet taken
    (at most MAX_REPAIRS in all, `more` counts the rest). Raises UnknownEncoding, and
    NotAnExport for a file that is something else (sniffing)."""

    def __init__(self, source):
        self._source = source
        self.repairs = deque()
        self.more = 0
        self.at_end = False
        self._described = 0
        self._decode = self._encoding = self._label = self._ascii_safe = None
        self._pending = b""  # bytes of a character cut by the end of a block
        self._held = ""  # the start of a character reference cut by the end of a block
        self._line, self._column, self._removed = 1, 0, 0  # _removed: on this line
        self._recent = deque()  # (line, column, count) of recent removals, for columns
        self._block_lines = deque(maxlen=2)  # the lines the last two blocks started on
        self._first = True
        self._stray_start = False  # something (a PHP warning) printed before <?xml
        self._texts = deque(maxlen=2)  # (first line, text) of the last blocks returned

    def read(self, size=-1):
        """The next block of text, "" at the end (`size` is ignored: blocks are whole)."""
        while not self.at_end:
            data = self._source.read(BLOCK_SIZE)
            if self._decode is None:
                while len(data) < 1024 and (more := self._source.read(BLOCK_SIZE)):
                    data += more  # enough for a byte order mark and the declaration
                data = self._start(data)
            # The parser reports a place in the last block it was given, or the one before.
            self._block_lines.append(self._line)
            while self._recent and self._recent[0][0] < self._block_lines[0]:
                self._recent.popleft()
            text = self._repair(data, final=not data)
            if not data and not text:
                self.at_end = True
            if text:
                self._texts.append((self._block_lines[-1], text))
                return text
        return ""

    def text_at(self, line, column, length=300):
        """Up to `length` characters of the text returned lately, from the parser's `line`
        and `column` (from 0) on; "" when that is no longer held."""
        if not self._texts or line < self._texts[0][0]:
            return ""
        text, index = "".join(text for _, text in self._texts), 0
        for _ in range(line - self._texts[0][0]):
            index = text.find("\n", index) + 1
            if not index:
                return ""
        return text[index + column : index + column + length]

    def column_in_file(self, line, column):
        """The column (from 1) in the file of the parser's `column` (from 0) on `line`."""
        removed = sum(n for at_line, at, n in self._recent if at_line == line and at <= column)
        return column + removed + 1

    def _start(self, data):
        """Choose the encoding: a byte order mark, else UTF-16's shape (sniffing), else the
        XML declaration, else UTF-8. A file that is no export at all is refused here."""
        if what := sniffing.not_an_export(data):
            raise NotAnExport(what)
        mark = next((mark for mark in _BOMS if data.startswith(mark)), b"")
        if mark:
            encoding, data = _BOMS[mark], data[len(mark) :]
        elif utf16 := sniffing.utf16_without_mark(data):
            encoding = utf16
        else:
            self._stray_start = sniffing.junk_before_declaration(data)
            start = data.find(b"<?xml") if self._stray_start else 0
            declared = _DECLARED_ENCODING.match(data, start)
            encoding = declared.group(1).decode("ascii") if declared else "utf-8"
            if encoding.lower().startswith(("utf-16", "utf-32", "ucs")):
                encoding = "utf-8"  # declared so, but the declaration is in single bytes
        self._label = encoding
        try:
            self._encoding = codecs.lookup(encoding).name
        except LookupError:
            raise UnknownEncoding(encoding) from None
        if self._encoding in _WINDOWS_1252 and sniffing.is_utf8_after_all(data):
            # A byte that isn't UTF-8 further on is still read as Windows-1252 (_reading_of).
            self._note(
                f"the XML declaration says the file is in {encoding}, but it is UTF-8 (its "
                "letters beyond ASCII are UTF-8's sequences of bytes): read as UTF-8"
            )
            self._encoding = "utf-8"
        if self._encoding in _WINDOWS_1252:
            self._decode = _decode_windows_1252
        else:
            self._decode = codecs.lookup(self._encoding).decode
        self._ascii_safe = self._encoding in _WINDOWS_1252 or self._encoding == "utf-8"
        return data

    def _repair(self, data, *, final):
        data = self._pending + data
        suspect = not self._ascii_safe or data.translate(None, _INNOCENT_BYTES)
        text, wrong_bytes = self._decoded(data, final=final)
        text = self._held + text
        offset = len(self._held)
        self._held = ""
        if not final and (cut := _CUT_REFERENCE.search(text)):
            text, self._held = text[: cut.start()], text[cut.start() :]
        if self._first:
            # The declaration may only open the file: blanked, it lets whitespace or a byte
            # order mark come first, and leaves every line and column where it was. The text
            # is now Unicode, so the encoding it names no longer applies.
            self._first = False
            if self._stray_start and (start := text.find("<?xml")) > 0:
                # Blanked, newlines kept: every line and column stays where it was.
                stray = text[:start]
                self._note(f"removed {sniffing.describe_stray(stray)}, printed before the export")
                text = re.sub(r"[^\r\n]", " ", stray) + text[start:]
            if declaration := _DECLARATION.match(text):
                start, end = declaration.span(1)
                text = text[:start] + " " * (end - start) + text[end:]
        changes = [(offset + index, *change) for index, *change in wrong_bytes]
        removals = list(_forbidden(text, characters=bool(suspect)))
        if not changes and not removals:
            self._advance(text)
            return text
        return self._apply(text, sorted(changes + removals))

    def _decoded(self, data, *, final):
        """The text of `data`, and (index, length, False, what) for each wrong byte read in
        it: what it was read as is in the text, at index."""
        parts, wrong, length, position, view = [], [], 0, 0, memoryview(data)
        self._pending = b""
        while position < len(data):
            try:
                text, _ = self._decode(view[position:])
            except UnicodeDecodeError as error:
                start, end = position + error.start, position + error.end
                good = self._decode(view[position:start])[0]
                parts.append(good)
                length += len(good)
                if end == len(data) and not final and end - start < LONGEST_CHARACTER:
                    self._pending = data[start:]  # a character the next block completes
                    break
                text, what = self._reading_of(data[start:end])
                wrong.append((length, len(text), False, what))
                parts.append(text)
                length += len(text)
                position = end
            else:
                parts.append(text)
                break
        return "".join(parts), wrong

    def _reading_of(self, wrong):
        """What to read `wrong` (bytes the encoding has no character for) as, and the note."""
        shown = " ".join(f"0x{byte:02X}" for byte in wrong)
        if self._encoding == "utf-8" and len(wrong) == 1:
            try:
                character = wrong.decode("cp1252")
            except UnicodeDecodeError:
                pass
            else:
                return character, f"byte {shown} is not UTF-8; read as {character} (Windows-1252)"
        if self._encoding == "utf-8" and len(wrong) > 1:
            return "\ufffd", f"bytes {shown} are not UTF-8 (a character cut short); read as U+FFFD"
        encoding = "UTF-8" if self._encoding == "utf-8" else self._label
        return "\ufffd", f"byte {shown} is not {encoding}; read as U+FFFD"

    def _apply(self, text, changes):
        """`text` with the changes made, each recorded at its place."""
        parts, done = [], 0
        for index, length, removed, what in changes:
            self._advance(text[done:index])
            self._note(what)
            parts += (text[done:index], "" if removed else text[index : index + length])
            if removed:
                self._recent.append((self._line, self._column - self._removed, length))
                self._removed += length
            self._column += length
            done = index + length
        self._advance(text[done:])
        parts.append(text[done:])
        return "".join(parts)

    def _advance(self, text):
        lines = text.count("\n")
        if lines:
            self._line += lines
            self._column = len(text) - text.rfind("\n") - 1
            self._removed = 0
        else:
            self._column += len(text)

    def _note(self, what):
        if self._described >= MAX_REPAIRS:
            self.more += 1
            return
        self._described += 1
        at = (self._line, self._column - self._removed)
        self.repairs.append(Repair(line=self._line, column=self._column + 1, at=at, what=what))


def _forbidden(text, *, characters):
    """(index, length, True, what) for each character XML forbids (if `characters`: else
    only references are looked for) and each reference to one."""
    for match in _NOT_IN_XML.finditer(text) if characters else ():
        code = ord(match.group())
        yield match.start(), 1, True, f"removed U+{code:04X} ({_kind(code)}), which XML forbids"
    for match in _REFERENCE.finditer(text):
        hexadecimal, decimal = match.groups()
        code = int(hexadecimal, 16) if hexadecimal else int(decimal)
        if _is_forbidden(code):
            what = f"removed {match.group()}, a reference to {_name(code)}, which XML forbids"
            yield match.start(), len(match.group()), True, what


def _is_forbidden(code):
    return (
        (code < 0x20 and code not in (0x9, 0xA, 0xD))
        or 0xD800 <= code <= 0xDFFF
        or code in (0xFFFE, 0xFFFF)
        or code > 0x10FFFF
    )


def _kind(code):
    if code < 0x20:
        return "a control character"
    if 0xD800 <= code <= 0xDFFF:
        return "half a UTF-16 pair"
    return "not a character"


def _name(code):
    return f"U+{code:04X} ({_kind(code)})" if code <= 0x10FFFF else "no character at all"


def _decode_windows_1252(data):
    """Windows-1252 as browsers read it: (text, bytes read)."""
    return codecs.charmap_decode(data, "strict", _WINDOWS_1252_TABLE)


def _windows_1252_character(byte):
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:  # one of the five bytes Windows-1252 leaves unused
        return chr(byte)  # a C1 control, as browsers have it


_WINDOWS_1252_TABLE = "".join(map(_windows_1252_character, range(256)))
