"""Receipt codes (and comment codes): shown to the reader once, stored only as a keyed hash.

A code is 16 characters from an alphabet without look-alikes (no 0/O, 1/I/L), in four
groups: 80 bits, so guessing is hopeless even before the rate limit. A code is random
(`new_receipt_code`), or made for one sending of one form (`code_for_sending`): a keyed
hash of that form's signed "shown at" token and the text, so the same page sent twice at
once (a double click) shows the same code on every answer.
"""

import secrets
import unicodedata

from django.utils.crypto import salted_hmac

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
GROUPS, GROUP_LENGTH = 4, 4
CODE_LENGTH = GROUPS * GROUP_LENGTH


def new_receipt_code():
    """A fresh code such as 7KQ2-M9XD-4RTB-HP3C."""
    return _grouped("".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH)))


def _grouped(characters):
    return "-".join(characters[i : i + GROUP_LENGTH] for i in range(0, CODE_LENGTH, GROUP_LENGTH))


def code_for_sending(rendering, fingerprint):
    """The code for one sending of a form: `rendering` is the form's signed "shown at"
    token (a str, new for every rendering), `fingerprint` the keyed hash of what was sent.

    HMAC-SHA-256 with the secret key, its first 80 bits written in ALPHABET (5 bits a
    character): the same form sent twice gets the same code, while nobody can make the
    code without the secret key, and a form shown again (a new token) gets another. An
    empty `rendering` (no form: a script, the shell) gets a random code.
    """
    if not rendering:
        return new_receipt_code()
    key = f"{rendering}\n{fingerprint}"
    digest = salted_hmac("postbag.code-for-sending", key, algorithm="sha256").digest()
    bits = int.from_bytes(digest[:10], "big")
    return _grouped("".join(ALPHABET[(bits >> (5 * i)) & 31] for i in range(CODE_LENGTH)))


def normalise_code(typed):
    """What the reader typed, in any case and any width (NFKC: full-width ＨＹ６Ｆ is
    HY6F), with whatever is not in the code's alphabet left out: spaces, hyphens and dashes
    of every kind (U+2011, U+2013, U+2212 …), dots, quotes."""
    folded = unicodedata.normalize("NFKC", typed or "").upper()
    return "".join(character for character in folded if character in ALPHABET)


def receipt_hash(code):
    """The keyed hash stored for `code`, or None when it can't be a code at all."""
    normalised = normalise_code(code)
    if len(normalised) != CODE_LENGTH:
        return None
    return salted_hmac("postbag.receipt", normalised, algorithm="sha256").hexdigest()


def text_hash(text):
    """A keyed hash of a letter's words, to recognise the same letter sent twice."""
    words = " ".join((text or "").split()).casefold()
    return salted_hmac("postbag.letter-text", words, algorithm="sha256").hexdigest()
