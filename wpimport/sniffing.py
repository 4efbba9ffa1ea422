"""What a file given as an export is, told from its first bytes before any XML is parsed.

People hand the importer what their browser or WordPress.com gave them: the ZIP WordPress.com
downloads, a gzip file, the HTML page a browser saved instead of the export (an error or a
login page), an export with a PHP warning printed before it, one in UTF-16 without a byte
order mark, one whose XML declaration names Latin-1 while its bytes are UTF-8. Each is
recognised here by its shape, so that damage.RepairingReader reads it right, or the
message says what the file is and what to do.
"""

import codecs
import html
import re

# XML 1.0, Appendix F: "<?" in UTF-16 without a byte order mark, blanks allowed before it.
_UTF16_BE = re.compile(rb"\A(?:\x00[\t\n\r ])*\x00<\x00\?")
_UTF16_LE = re.compile(rb"\A(?:[\t\n\r ]\x00)*<\x00\?\x00")
_HTML_PAGE = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b",
    re.I | re.S,
)
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.I | re.S)
_DECLARATION_START = b"<?xml"
_PHP_MESSAGE = re.compile(
    r"\b(?:warning|notice|deprecated|fatal error|parse error|strict standards)\b\s*:", re.I
)
QUOTED_LENGTH = 100  # characters of stray text quoted in a message


def utf16_without_mark(data) -> str | None:
    """ "utf-16-be" or "utf-16-le" when `data` (the file's first bytes) starts as an XML
    declaration does in UTF-16 with no byte order mark; else None."""
    if _UTF16_BE.match(data):
        return "utf-16-be"
    if _UTF16_LE.match(data):
        return "utf-16-le"
    return None


def not_an_export(data) -> str | None:
    """What the file whose first bytes are `data` is instead of an export, and what to
    do, as the end of a sentence that starts with its name; None when it may be one."""
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return (
            "is a ZIP archive, not a WordPress export: unzip it and import the .xml file "
            "inside (WordPress.com downloads its exports zipped)."
        )
    if data.startswith(b"\x1f\x8b"):
        return (
            "is compressed with gzip, not a WordPress export as it is: unpack it (gunzip) "
            "and import the .xml file inside."
        )
    if _HTML_PAGE.match(data):
        title = _TITLE.search(data)
        named = ""
        if title:
            words = " ".join(title.group(1).decode("utf-8", "replace").split())
            named = f", titled “{html.unescape(words)[:QUOTED_LENGTH]}”"
        return (
            f"is a web page (HTML{named}), not a WordPress export: the browser saved a page "
            "(an error or a login page, say) instead of the export. Export again from "
            "WordPress (Tools → Export → All content) and import the .xml file it downloads."
        )
    return None


def junk_before_declaration(data) -> bool:
    """Whether something other than blanks comes before the XML declaration in `data`
    (the first bytes of a file in a single-byte or UTF-8 encoding): a PHP warning, most
    often, which a site prints before the export when a plugin misbehaves."""
    start = data.find(_DECLARATION_START)
    before = data[:start]
    if start <= 0 or not before.strip(b" \t\r\n\xef\xbb\xbf"):
        return False
    return b"<rss" not in before and b"<channel" not in before


def describe_stray(text) -> str:
    """Stray text found outside the export, quoted as a reader sees it (tags gone, blanks
    collapsed, cut short), and said to be a PHP message when it reads as one."""
    text = re.sub(r"<[^>]*>", "", re.sub(r"<br\s*/?>", " ", text, flags=re.I))
    words = " ".join(html.unescape(text).split())
    if len(words) > QUOTED_LENGTH:
        words = words[:QUOTED_LENGTH].rpartition(" ")[0].rstrip(",;:") + "…"
    kind = "a PHP message from the site" if _PHP_MESSAGE.search(words) else "stray text"
    return f"“{words}”, {kind}"


def is_utf8_after_all(data) -> bool:
    """Whether `data`, the first block of a file that says it is in Latin-1 or
    Windows-1252, is UTF-8 instead: it has characters beyond ASCII and all of it decodes
    as UTF-8 (a character cut by the end of the block aside). A Latin-1 text is almost
    never valid UTF-8 too; "Café" in UTF-8 read as Latin-1 is "CafÃ©"."""
    if data.isascii():
        return False
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data, final=False)
    except UnicodeDecodeError:
        return False
    return True
