"""Hoaxes and floods: incoming letters that tell the same story, and bursts of letters.

**The same story.** A letter is cut into shingles: the overlapping 6-character pieces of
its words (folded with NFKC and casefold, punctuation dropped, one space between words).
Characters, not words, so it works in every script, Chinese and Thai (written without
spaces) included, and rewording keeps most pieces. Two letters' likeness is the Jaccard
similarity of their shingle sets (Broder, "On the resemblance and containment of
documents", 1997). To find the candidates without comparing every pair, a letter's MinHash
signature (SIGNATURE_SIZE hash functions) is cut into bands of BAND_ROWS values, and
letters sharing a band are candidates (locality-sensitive hashing: Leskovec, Rajaraman and
Ullman, "Mining of Massive Datasets", ch. 3); each candidate is then measured exactly
from the texts, and kept when at least SIMILAR alike. With 32 bands of 2 a pair 30 % alike
is a candidate with a probability of 95 %, 43 % alike 99.9 % (the measurements:
the README's design notes). The bands and the pairs found are stored
(advice.incoming_groups), computed after the response, when a letter arrives.

**Bursts.** At ask time each stored letter is counted under the keyed client hash in the
cache (as the rate limits, postbag.ratelimit), with its number and arrival time, for
BURST_MINUTES. When ASK_BURST_LETTERS or more letters arrived from one connection within
that time, they are marked with the burst's size and a random token: nothing that could
name the connection goes into the database.
"""

import hashlib
import logging
import random
import re
import secrets
import time
import unicodedata
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models import Exists, Max, OuterRef, Q
from django.utils import timezone

from advice.incoming_groups import LetterBand, LetterLikeness
from advice.models import Letter
from postbag.after_response import after_response
from postbag.ratelimit import client_fingerprint

logger = logging.getLogger(__name__)

SHINGLE = 6  # characters; 6 separated the demo's reworded letters from the rest best
SIGNATURE_SIZE, BAND_ROWS = 64, 2
SIMILAR = 0.3  # Jaccard; reworded copies measured 0.43–0.78, different stories at most 0.12
DECLINED_DAYS = 30  # a declined letter still counts as incoming this long after it arrived
BURST_MINUTES = 10
_PRIME = (1 << 61) - 1  # a Mersenne prime above every 60-bit shingle hash
_rng = random.Random(19)  # fixed: stored bands must be comparable from one run to the next
_HASHES = [(_rng.randrange(1, _PRIME), _rng.randrange(_PRIME)) for _ in range(SIGNATURE_SIZE)]
WORD = re.compile(r"\w+")


def shingles(text):
    """The set of SHINGLE-character pieces of `text`'s words (str → set of str)."""
    words = " ".join(WORD.findall(unicodedata.normalize("NFKC", text or "").casefold()))
    return {words[i : i + SHINGLE] for i in range(max(1, len(words) - SHINGLE + 1))}


def jaccard(first, second):
    """|A ∩ B| / |A ∪ B| of two sets, 0–1 (0 for two empty sets)."""
    union = len(first | second)
    return len(first & second) / union if union else 0.0


def _hash60(piece):
    return int.from_bytes(hashlib.blake2b(piece.encode(), digest_size=8).digest()) >> 4


def signature(pieces):
    """The MinHash signature of a set of shingles: SIGNATURE_SIZE ints (empty set: zeros)."""
    values = [_hash60(piece) for piece in pieces]
    if not values:
        return [0] * SIGNATURE_SIZE
    return [min((a * value + b) % _PRIME for value in values) for a, b in _HASHES]


def bands(text):
    """The LSH band keys of `text`: SIGNATURE_SIZE / BAND_ROWS signed 63-bit ints, each a
    hash of the band's position and values (fits a BigIntegerField)."""
    values = signature(shingles(text))
    keys = []
    for start in range(0, SIGNATURE_SIZE, BAND_ROWS):
        band = f"{start}:" + ",".join(map(str, values[start : start + BAND_ROWS]))
        digest = hashlib.blake2b(band.encode(), digest_size=8).digest()
        keys.append(int.from_bytes(digest, signed=True) >> 1)
    return keys


def incoming():
    """Letters still in the postbag: new, shortlisted, drafted, or declined recently."""
    recent = timezone.now() - timedelta(days=DECLINED_DAYS)
    waiting = [Letter.Status.NEW, Letter.Status.SHORTLISTED, Letter.Status.DRAFTED]
    return Letter.objects.filter(
        Q(status__in=waiting) | Q(status=Letter.Status.DECLINED, received_at__gte=recent)
    )


def group_letter(letter_id):
    """Store the bands of the letter `letter_id` and its likeness to every incoming letter
    at least SIMILAR alike (both ways round). Quiet if the letter is gone."""
    letter = Letter.objects.filter(pk=letter_id).only("original_text").first()
    if letter is None:
        return
    keys = bands(letter.original_text)
    pieces = shingles(letter.original_text)
    with transaction.atomic():
        LetterBand.objects.filter(letter=letter).delete()
        LetterBand.objects.bulk_create([LetterBand(letter=letter, band=key) for key in keys])
        LetterLikeness.objects.filter(Q(letter=letter) | Q(other=letter)).delete()
        candidates = incoming().exclude(pk=letter.pk).filter(bands__band__in=keys).distinct()
        pairs = []
        for other_id, text in candidates.values_list("pk", "original_text"):
            similarity = jaccard(pieces, shingles(text))
            if similarity >= SIMILAR:
                pairs += [
                    LetterLikeness(letter=letter, other_id=other_id, similarity=similarity),
                    LetterLikeness(letter_id=other_id, other=letter, similarity=similarity),
                ]
        LetterLikeness.objects.bulk_create(pairs)


def group_letters(letter_ids):
    """after_response's task: group each arrived letter."""
    for letter_id in letter_ids:
        group_letter(letter_id)


def group_after_response(letter):
    """Group a letter just stored, once the transaction commits and the response is sent
    (the reader never waits for it)."""
    transaction.on_commit(partial(after_response, group_letters, letter.pk), robust=True)


def has_likeness():
    """An Exists() for letters with at least one incoming letter like them."""
    return Exists(
        LetterLikeness.objects.filter(letter=OuterRef("pk"), other__in=incoming().values("pk"))
    )


def letters_like(letter):
    """The incoming letters like `letter`, most alike first: Letter rows with `similarity`."""
    return (
        incoming()
        .filter(likenesses__other=letter)
        .annotate(similarity=Max("likenesses__similarity"))
        .order_by("-similarity", "-received_at")
    )


def record_arrival(request, letter):
    """Count `letter` as sent from this request's connection; once ASK_BURST_LETTERS have
    come from it within BURST_MINUTES, mark them as a burst. Fails open: with the cache or
    the database unreachable nothing is marked, and the reader is never refused for it."""
    window = BURST_MINUTES * 60
    key = f"burst:{client_fingerprint(request)}"
    try:
        if cache.add(f"{key}:n", 1, timeout=window):
            number = 1
        else:
            number = cache.incr(f"{key}:n")
            cache.touch(f"{key}:n", window)
        cache.set(f"{key}:{number}", (letter.pk, time.time()), timeout=window)
        earlier = cache.get_many([f"{key}:{n}" for n in range(max(1, number - 50), number + 1)])
    except ValueError:  # the counter expired in between, or the cache is down
        return
    since = time.time() - window
    recent = {pk for pk, at in earlier.values() if at >= since}  # a double click counts once
    if len(recent) < settings.ASK_BURST_LETTERS:
        return
    try:
        mark_burst(recent)
    except DatabaseError:
        logger.warning("A burst of letters could not be marked: database unavailable")


@transaction.atomic
def mark_burst(letter_ids):
    """Mark the letters `letter_ids` as one burst (joining one they already belong to):
    a random token, and the burst's size on each of its letters."""
    letters = Letter.objects.select_for_update().filter(pk__in=letter_ids)
    token = next((t for t in letters.values_list("burst_token", flat=True) if t), None)
    token = token or secrets.token_hex(8)
    letters.update(burst_token=token)
    burst = Letter.objects.filter(burst_token=token)
    burst.update(burst_size=burst.count())


def burst_words(letter):
    """ "One of 4 letters sent within 10 minutes from the same connection", or ""."""
    if not letter.burst_size:
        return ""
    return (
        f"One of {letter.burst_size} letters sent within {BURST_MINUTES} minutes from the "
        "same connection"
    )
