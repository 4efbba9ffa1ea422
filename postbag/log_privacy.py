r"""Keep readers' network addresses out of every log the app writes.

The privacy promise (design.md): a reader's IP address is never written to the app's
logs. Django's own loggers don't log client addresses, but gunicorn's error log does
("Invalid request from ip=203.0.113.7: …" for any malformed request), and a third-party
message might. `RedactAddresses` rewrites a record's message with every IPv4 and IPv6
address replaced; it is attached to Django's log handler (config/settings.py LOGGING) and,
through `PrivateGunicornLogger` (gunicorn.conf.py `logger_class`), to gunicorn's error and
access logs.

The access log gets two more protections, field by field (`clean_atom`):

- A link that is a secret is never written whole: the token in /newsletter/confirm/<token>/
  and /newsletter/unsubscribe/<token>/ (an unsubscribe link never expires: whoever reads it
  could unsubscribe that reader) is logged as "<redacted>" (`SECRET_PATHS`).
- Nothing a client sends can forge a log line or a terminal: gunicorn writes the decoded
  path, so "%0A" in a URL became a real line break (a made-up line after it) and "%00" a
  NUL. Control characters (C0, DEL, C1), Unicode line and paragraph separators and bidi
  controls are written as \xHH / \uHHHH escapes, and a backslash as \x5c, as nginx does
  (its escape=default), so an escape in the log always means the client sent that byte.
"""

import logging
import re
import unicodedata

from gunicorn.glogging import Logger as GunicornLogger

HIDDEN = "[address hidden]"
# IPv4 dotted quads (also IPv4-mapped, ::ffff:1.2.3.4), and IPv6 in its full or "::"-shortened forms
# (RFC 4291 §2.2), optionally in brackets. Over-matching a stray "a::b" is the safe side.
ADDRESS = re.compile(
    r"(?:(?<![\w:])(?:[0-9a-f]{0,4}:){2,6})?\b(?:\d{1,3}\.){3}\d{1,3}\b"
    r"|(?<![\w:])(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}(?![\w:])"
    r"|(?<![\w:])(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4})*)?::(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4})*)?"
    r"(?:%\w+)?(?![\w:])",
    re.IGNORECASE,
)


def redact_addresses(text):
    """`text` with every IPv4/IPv6 address replaced by "[address hidden]"."""
    return ADDRESS.sub(HIDDEN, text)


class RedactAddresses(logging.Filter):
    """A logging filter that lets every record through, with addresses removed.

    The message is formatted once (`getMessage()`), redacted, and stored without its
    arguments, so no handler or formatter later sees an address in them.
    """

    def filter(self, record):
        message = record.getMessage()
        redacted = redact_addresses(message)
        if redacted != message or record.args:
            record.msg, record.args = redacted, ()
        return True


REDACT = RedactAddresses()


# A path segment after these is a bearer secret (a signed link's token).
SECRET_PATHS = re.compile(r"(/newsletter/(?:confirm|unsubscribe)/)[^/?#\s]+", re.IGNORECASE)
REDACTED = "<redacted>"
# Bidi controls (Unicode's "Trojan Source" characters) and line/paragraph separators.
INVISIBLE = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _escape(char):
    code = ord(char)
    if char == "\\" or unicodedata.category(char) == "Cc":
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    if char in INVISIBLE or unicodedata.category(char) in ("Zl", "Zp"):
        return f"\\u{code:04x}"
    return char


def clean_atom(text):
    """One access-log field as it is safe to write: secret tokens redacted, control
    characters escaped (see the module's docstring). Text that can't hold either comes back
    unchanged."""
    text = SECRET_PATHS.sub(rf"\1{REDACTED}", text)
    if text.isprintable() and "\\" not in text:
        return text
    return "".join(_escape(char) for char in text)


def wsgi_text(text):
    """A WSGI "bytes as latin-1" string (PEP 3333) as the UTF-8 text it was, when it was
    UTF-8 (a decoded path: "/bÃ¼cher" → "/bücher"); otherwise unchanged."""
    try:
        return text.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return text


class PrivateGunicornLogger(GunicornLogger):
    """gunicorn's logger with `RedactAddresses` on its error and access logs, and every
    field of an access-log line cleaned by `clean_atom`."""

    def atoms(self, resp, req, environ, request_time):
        """gunicorn's access-log fields: every string (path, request line, headers, all
        WSGI strings) read as UTF-8 where it was and cleaned; numbers as they are."""
        atoms = super().atoms(resp, req, environ, request_time)
        return {
            name: clean_atom(wsgi_text(value)) if isinstance(value, str) else value
            for name, value in atoms.items()
        }

    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            log.addFilter(REDACT)  # the same instance each time: a reload adds it once
