"""Receipt codes: shown to the reader once, stored only as a keyed hash.

A code is 16 characters from an alphabet without look-alikes (no 0/O, 1/I/L), in four
groups: 80 random bits, so guessing is hopeless even before the rate limit.
"""

import re
import secrets

from django.utils.crypto import salted_hmac

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
GROUPS, GROUP_LENGTH = 4, 4
CODE_LENGTH = GROUPS * GROUP_LENGTH


def new_receipt_code():
    """A fresh code such as 7KQ2-M9XD-4RTB-HP3C."""
    characters = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(characters[i : i + GROUP_LENGTH] for i in range(0, CODE_LENGTH, GROUP_LENGTH))


def normalise_code(typed):
    """What the reader typed, in any case, with or without hyphens and spaces."""
    return re.sub(r"[\s\-–—]+", "", typed or "").upper()


def receipt_hash(code):
    """The keyed hash stored for `code`, or None when it can't be a code at all."""
    normalised = normalise_code(code)
    if len(normalised) != CODE_LENGTH or set(normalised) - set(ALPHABET):
        return None
    return salted_hmac("postbag.receipt", normalised, algorithm="sha256").hexdigest()


def text_hash(text):
    """A keyed hash of a letter's words, to recognise the same letter sent twice."""
    words = " ".join((text or "").split()).casefold()
    return salted_hmac("postbag.letter-text", words, algorithm="sha256").hexdigest()
