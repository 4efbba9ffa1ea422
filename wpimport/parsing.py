"""One streaming pass of the XML parser over an export, through damage.RepairingReader.

`Reading` gives the parser's events, notes where each <item> starts and ends so that each
repair the reader made can be credited to its post, and where the file stopped being
readable (`Stop`). Stray text after the end of the export (a PHP error printed after
</rss>) is not a stop: every post was read, and it is noted as a repair.
"""

from collections import deque
from dataclasses import dataclass
from xml.etree.ElementTree import ParseError, TreeBuilder
from xml.parsers import expat

from defusedxml.ElementTree import DefusedXMLParser, iterparse

from wpimport import sniffing
from wpimport.damage import RepairingReader

# Errors that the end of the input causes: with an element still open, a file cut short.
_AT_THE_END = frozenset(
    expat.errors.codes[message]
    for message in (
        expat.errors.XML_ERROR_NO_ELEMENTS,
        expat.errors.XML_ERROR_UNCLOSED_TOKEN,
        expat.errors.XML_ERROR_PARTIAL_CHAR,
        expat.errors.XML_ERROR_UNCLOSED_CDATA_SECTION,
    )
)


_JUNK_AFTER = expat.errors.codes[expat.errors.XML_ERROR_JUNK_AFTER_DOC_ELEMENT]
# After the end of the export, these start another document: a file joined from two, whose
# second part is not read, so it is a fault like any other (a Stop), not stray text.
_MORE_XML = ("<?xml", "<rss")


@dataclass(frozen=True)
class Stop:
    """Where and why the parser could read no further."""

    at: tuple[int, int]  # the parser's own position, to know the same stop on another pass
    line: int
    column: int  # in characters from 1, as the file reads
    reason: str  # the XML parser's words: "mismatched tag"
    at_the_end: bool  # the file ended before the document did
    message: str = ""  # the whole story, told by wxr: it knows what a post is


class _SpanParser(DefusedXMLParser):
    """The defused parser, DTDs refused, noting where each <item> starts and ends."""

    def __init__(self):
        super().__init__(target=TreeBuilder(), forbid_dtd=True)
        self.spans = deque()
        self._open = []

    def _start(self, tag, attr_list):
        if tag == "item":
            self._open.append((self.parser.CurrentLineNumber, self.parser.CurrentColumnNumber))
        return super()._start(tag, attr_list)

    def _end(self, tag):
        if tag == "item":
            end = (self.parser.CurrentLineNumber, self.parser.CurrentColumnNumber)
            self.spans.append((self._open.pop(), end))
        return super()._end(tag)


class Reading:
    """One streaming pass over the export at `path`: its parse events (`events`), then
    `stop` when it ended early. With `repairs`, each item read is handed to `place_repairs`
    and `notes` collects the repairs, each named with its post."""

    def __init__(self, path, *, repairs=False):
        self.path = path
        self.notes = []
        self._naming = repairs
        self.stop = None
        self._reader = self._parser = None

    def events(self):
        """("start" | "end", element) pairs, like iterparse, until the end or a stop.

        Raises OSError, defusedxml's DefusedXmlException (a DTD) and UnknownEncoding.
        """
        with open(self.path, "rb") as source:
            self._reader = RepairingReader(source)
            self._parser = _SpanParser() if self._naming else None
            parser = self._parser or DefusedXMLParser(target=TreeBuilder(), forbid_dtd=True)
            try:
                yield from iterparse(self._reader, events=("start", "end"), parser=parser)
            except ParseError as error:
                line, column = error.position
                stray = self._reader.text_at(line, column)
                where = f"line {line}, column {self._reader.column_in_file(line, column)}"
                if error.code == _JUNK_AFTER and not stray.lstrip().startswith(_MORE_XML):
                    # The export was read whole; a site printed something after it.
                    after = f"{where}: left out {sniffing.describe_stray(stray)}, printed "
                    after += "after the end of the export (</rss>)"
                else:
                    after = None
                    self.stop = Stop(
                        at=error.position,
                        line=line,
                        column=self._reader.column_in_file(line, column),
                        reason=expat.ErrorString(error.code),
                        at_the_end=self._reader.at_end and error.code in _AT_THE_END,
                    )
            else:
                after = None
        if self._naming:
            self._place(end=None, label=None)
            if self._reader.more:
                self.notes.append(f"… and {self._reader.more} more repairs like these.")
            if after:
                self.notes.append(f"{after}.")

    def place_repairs(self, element, label):
        """Name the repairs made in the <item> just read with `label(element)`."""
        (start, end) = self._parser.spans.popleft()
        self._place(end=end, start=start, label=lambda: label(element))

    def _place(self, *, end, label, start=None):
        name = None
        repairs = self._reader.repairs
        while repairs and (end is None or repairs[0].at <= end):
            repair = repairs.popleft()
            if start is None or repair.at < start:
                self.notes.append(str(repair))
            else:
                name = name or label()
                self.notes.append(f"{name}, {repair}")
