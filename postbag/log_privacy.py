"""Keep readers' network addresses out of every log the app writes.

The privacy promise (design.md): a reader's IP address is never written to the app's
logs. Django's own loggers don't log client addresses, but gunicorn's error log does
("Invalid request from ip=203.0.113.7: …" for any malformed request), and a third-party
message might. `RedactAddresses` rewrites a record's message with every IPv4 and IPv6
address replaced; it is attached to Django's log handler (config/settings.py LOGGING) and,
through `PrivateGunicornLogger` (gunicorn.conf.py `logger_class`), to gunicorn's error and
access logs.
"""

import logging
import re

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


class PrivateGunicornLogger(GunicornLogger):
    """gunicorn's logger with `RedactAddresses` on its error and access logs."""

    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            log.addFilter(REDACT)  # the same instance each time: a reload adds it once
