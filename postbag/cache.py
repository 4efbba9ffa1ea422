"""Django's Redis cache, made to degrade instead of fail, and to stop waiting on a hung Redis.

When Redis can't be reached or doesn't answer, reads miss, writes are dropped, `incr()`
raises ValueError as it does for a missing key, and a warning is logged (at most once a
minute): pages are rendered from the database, rate limits let requests through
(postbag.ratelimit explains why), and nothing turns into a 500.

A Redis that accepts connections but never answers costs a call its whole socket timeout
(settings.CACHES: 0.5 s), and a page makes several calls. So the client has a circuit
breaker (Nygard, "Release It!", "Circuit Breaker"; Fowler's bliki entry of that name):
after a call times out waiting for Redis, every call in the process skips Redis at once
for `retry_seconds` (the `retry_seconds` entry of the cache's OPTIONS; REDIS_RETRY_SECONDS,
10 s by default). Then one background thread pings Redis: when it answers, calls go to it
again; when it doesn't, Redis is skipped for another period. No reader's request waits for
that ping, so while Redis hangs only the requests already waiting at the first failure pay
the timeout. Nothing needs a restart.

A refused connection fails at once and doesn't open the breaker: each call tries again, and
the first that works finds Redis back. The breaker is per process (each gunicorn worker finds
out for itself, and a forked worker starts afresh) and shared by the process's threads.
`is_unavailable()` tells the page cache that a miss means "no answer", not "no such key",
and `recoveries()` that the cache has come back (postbag.pagecache then bumps the content
version once).
"""

import logging
import os
import threading
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError, RedisError, TimeoutError

logger = logging.getLogger(__name__)
WARN_EVERY_SECONDS = 60
DEFAULT_RETRY_SECONDS = 10
_last_warning = 0.0

# Errors that say Redis isn't there or doesn't answer; other RedisErrors are answers about
# one key or command. Only a call that waited (a timeout, connecting or reading) opens the
# breaker: a refused or reset connection fails at once, so trying again costs nothing and
# Redis is used again the moment it is back.
UNREACHABLE = (ConnectionError, TimeoutError)
SLOW_FAILURES = (TimeoutError,)


def _warn(operation):
    global _last_warning
    now = time.monotonic()
    if now - _last_warning >= WARN_EVERY_SECONDS:
        _last_warning = now
        logger.warning("Redis unavailable (%s); serving without the shared cache", operation)


class CircuitBreaker:
    """What this process knows of one Redis: whether it answers, and whether to skip it.

    `failed(slow=...)` records a call that found no Redis; a slow failure also opens the
    breaker (calls are skipped) for `seconds`. Once they have passed, the next `allows()`
    starts `probe` (a callable that raises unless Redis answers) in a daemon thread and
    keeps saying no until the probe is done: a success closes the breaker, a failure opens
    it for another `seconds`. At most one probe runs at a time. `answered()` records a call
    that worked. Thread-safe.
    """

    def __init__(self, seconds):
        self.seconds = seconds
        self._lock = threading.Lock()
        self._open_until = None  # time.monotonic() value; None while closed
        self._probing = False
        self.is_failing = False  # the latest call (or probe) found no Redis
        self.recoveries = 0  # times Redis answered after having failed

    def allows(self, probe):
        """True if a call may go to Redis now; False to skip it (starting `probe` if due)."""
        if self._open_until is None:  # the common case takes no lock
            return True
        with self._lock:
            if self._open_until is None:
                return True
            if self._probing or time.monotonic() < self._open_until:
                return False
            self._probing = True
        try:
            threading.Thread(
                target=self._run_probe, args=(probe,), name="redis-probe", daemon=True
            ).start()
        except RuntimeError:  # no thread to be had (shutting down): try again next call
            self._probing = False
        return False

    def failed(self, *, slow):
        """Record a call that found no Redis; if it waited for it, skip Redis for a while."""
        with self._lock:
            was_open = self._open_until is not None
            self.is_failing = True
            if slow:
                self._open_until = time.monotonic() + self.seconds
            self._probing = False
        if slow and not was_open:
            logger.warning("Redis doesn't answer: skipping it for %s s at a time", self.seconds)

    def answered(self):
        """Record a call that Redis answered (cheap when nothing had failed)."""
        if not self.is_failing and self._open_until is None:
            return
        with self._lock:
            if self.is_failing:
                self.recoveries += 1
            self.is_failing = False
            self._open_until = None
            self._probing = False
        logger.info("Redis answers again: using the shared cache")

    def _run_probe(self, probe):
        try:
            probe()
        except Exception:  # noqa: BLE001 - whatever went wrong, Redis didn't answer
            self.failed(slow=True)
        else:
            self.answered()


_breakers = {}
_breakers_lock = threading.Lock()


def breaker_for(servers, seconds):
    """The process's one CircuitBreaker for these Redis servers (a list of URLs)."""
    key = (tuple(servers), seconds)
    with _breakers_lock:
        if key not in _breakers:
            _breakers[key] = CircuitBreaker(seconds)
        return _breakers[key]


def _forget_breakers():
    # A forked worker decides for itself; a probe thread of the parent doesn't exist here.
    global _breakers_lock
    _breakers_lock = threading.Lock()
    _breakers.clear()


os.register_at_fork(after_in_child=_forget_breakers)


def _degrading(method, fallback):
    def call(self, *args, **kwargs):
        if not self.breaker.allows(self.ping):
            return fallback(*args) if callable(fallback) else fallback
        try:
            result = method(self, *args, **kwargs)
        except RedisError as error:
            if isinstance(error, UNREACHABLE):
                self.breaker.failed(slow=isinstance(error, SLOW_FAILURES))
            _warn(method.__name__)
            return fallback(*args) if callable(fallback) else fallback
        self.breaker.answered()
        return result

    call.__name__ = method.__name__
    return call


def _no_such_key(key, delta):
    # What incr() says of a missing key: the counter starts again when Redis returns.
    raise ValueError(f"Key {key!r} not found: the cache is unavailable")


class DegradingRedisCacheClient(RedisCacheClient):
    """Django's Redis cache client, each operation degrading and behind a CircuitBreaker."""

    def __init__(self, servers, retry_seconds=DEFAULT_RETRY_SECONDS, **options):
        super().__init__(servers, **options)
        self.breaker = breaker_for(servers, retry_seconds)

    def ping(self):
        """Ask the (write) server for PONG; raises RedisError unless it answers in time."""
        self.get_client(write=True).ping()

    add = _degrading(RedisCacheClient.add, False)
    get = _degrading(RedisCacheClient.get, lambda key, default: default)
    set = _degrading(RedisCacheClient.set, None)
    touch = _degrading(RedisCacheClient.touch, False)
    delete = _degrading(RedisCacheClient.delete, False)
    get_many = _degrading(RedisCacheClient.get_many, {})
    has_key = _degrading(RedisCacheClient.has_key, False)
    incr = _degrading(RedisCacheClient.incr, _no_such_key)
    set_many = _degrading(RedisCacheClient.set_many, lambda data, timeout: list(data))
    delete_many = _degrading(RedisCacheClient.delete_many, None)
    clear = _degrading(RedisCacheClient.clear, False)


class DegradingRedisCache(RedisCache):
    """Django's RedisCache with DegradingRedisCacheClient; OPTIONS may set `retry_seconds`."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = DegradingRedisCacheClient

    @property
    def breaker(self):
        return self._cache.breaker


def is_unavailable(cache):
    """True while `cache` is failing (or skipped): a miss now says nothing about the key.

    Always False for a cache without a breaker (local memory, or any other back end).
    """
    breaker = getattr(cache, "breaker", None)
    return breaker is not None and breaker.is_failing


def recoveries(cache):
    """How many times this process found `cache` answering again after it failed (an int
    that only grows; 0 for a cache without a breaker)."""
    breaker = getattr(cache, "breaker", None)
    return breaker.recoveries if breaker is not None else 0
