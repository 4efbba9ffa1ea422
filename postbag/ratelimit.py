"""Per-client rate limits that never store the client's address.

A client is known only by a keyed hash (HMAC with the secret key) of its address as
postbag.clients reads it (behind a trusted proxy, the reader's own; an IPv6 client by its
/64), and only in the cache, where each counter expires with its window. With Redis
(`REDIS_URL`) every process and server shares the counters.

Counting and checking are one atomic step (`take`): the cache's `add` (Redis SET NX) starts
a window's counter and `incr` (Redis INCR) counts on from there, so two requests at once
can't both slip under the limit. A use that turns out not to count (a letter refused for
its content, a right receipt code, a successful log-in) is handed back with `give_back`.

If the cache is unreachable the limits fail open (the cache back end, postbag.cache, reads
nothing and drops writes): a letter someone worked up the courage to send matters more
than a burst of spam during an outage, which the honeypot, the minimum time and the link
rule still catch.
"""

import time

from django.core.cache import cache
from django.utils.crypto import salted_hmac

from postbag.clients import client_key


def keyed_hash(namespace, text):
    """A keyed hash of `text` (32 hex characters): stable, and useless without the key."""
    return salted_hmac(f"postbag.ratelimit.{namespace}", text, algorithm="sha256").hexdigest()[:32]


def client_fingerprint(request):
    """A keyed hash of the client's address (or IPv6 /64): never the address itself."""
    return keyed_hash("client", client_key(request))


def _window_key(request, scope, period, extra=""):
    window = int(time.time() // period)
    suffix = f":{keyed_hash('extra', extra)}" if extra else ""
    return f"ratelimit:{scope}:{client_fingerprint(request)}{suffix}:{window}"


def take(request, scope, rate, *, extra=""):
    """Count one use of `scope` by this client and say whether it is within `rate`.

    `rate` is (count, seconds). Returns False once the client has used `count` in the
    current window; True otherwise, and True when the cache can't be reached (fail open).
    Atomic across processes and servers that share the cache.
    """
    count, period = rate
    key = _window_key(request, scope, period, extra)
    for _ in range(3):
        if cache.add(key, 1, timeout=period):
            return 1 <= count
        try:
            return cache.incr(key) <= count
        except ValueError:  # expired between add() and incr(), or the cache is down
            continue
    return True


def retry_after(rate):
    """Seconds (at least 1) until the current window of `rate` = (count, seconds) ends."""
    _, period = rate
    return max(1, int(period - time.time() % period))


def retry_after_words(rate):
    """When to try again after a refusal under `rate`, in words, as `Retry-After` says it:
    "about a minute", "about 25 minutes", "about 3 hours" (rounded up)."""
    minutes = -(-retry_after(rate) // 60)
    if minutes <= 1:
        return "about a minute"
    if minutes < 90:
        return f"about {minutes} minutes"
    return f"about {-(-minutes // 60)} hours"


def too_many(response, rate):
    """Mark a 429 `response` with when to try again (`Retry-After`, RFC 6585 §4)."""
    response["Retry-After"] = str(retry_after(rate))
    return response


def give_back(request, scope, rate, *, extra=""):
    """Undo one `take` that turned out not to count. Never below zero; quiet if expired."""
    _, period = rate
    key = _window_key(request, scope, period, extra)
    try:
        if cache.decr(key) < 0:
            cache.set(key, 0, timeout=period)
    except ValueError:
        pass
