"""Per-client rate limits that never store the client's address.

A client is known only by a keyed hash of its IP address (HMAC with the secret key), and
only in the cache, where each counter expires with its window. With Redis (`REDIS_URL`)
every process and server shares the counters.

If the cache is unreachable the limits fail open (the cache back end, postbag.cache, reads
nothing and drops writes): a letter someone worked up the courage to send matters more
than a burst of spam during an outage, which the honeypot, the minimum time and the link
rule still catch.
"""

import time

from django.core.cache import cache
from django.utils.crypto import salted_hmac


def client_fingerprint(request):
    """A keyed hash of the client's address: stable for a client, useless to anyone else."""
    address = request.META.get("REMOTE_ADDR", "")
    return salted_hmac("postbag.ratelimit.client", address, algorithm="sha256").hexdigest()[:32]


def _window_key(request, scope, period):
    window = int(time.time() // period)
    return f"ratelimit:{scope}:{client_fingerprint(request)}:{window}"


def is_limited(request, scope, rate):
    """Whether the client has used up `rate` = (count, seconds) in the current window."""
    count, period = rate
    return (cache.get(_window_key(request, scope, period)) or 0) >= count


def record_hit(request, scope, rate):
    """Count one use of `scope` by this client."""
    _, period = rate
    key = _window_key(request, scope, period)
    try:
        if not cache.add(key, 1, timeout=period):
            cache.incr(key)
    except ValueError:  # the counter expired between add() and incr()
        cache.add(key, 1, timeout=period)
