"""Django's Redis cache, made to degrade instead of fail.

When Redis can't be reached, reads miss, writes are dropped and a warning is logged (at
most once a minute): pages are rendered from the database, rate limits let requests
through (postbag.ratelimit explains why), and nothing turns into a 500. Short socket
timeouts (settings.CACHES) keep a hung Redis from holding requests up. When Redis comes
back, the next call uses it again; nothing needs a restart.
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
WARN_EVERY_SECONDS = 60
_last_warning = 0.0


def _warn(operation):
    global _last_warning
    now = time.monotonic()
    if now - _last_warning >= WARN_EVERY_SECONDS:
        _last_warning = now
        logger.warning("Redis unavailable (%s); serving without the shared cache", operation)


def _degrading(method, fallback):
    def call(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except RedisError:
            _warn(method.__name__)
            return fallback(*args) if callable(fallback) else fallback

    call.__name__ = method.__name__
    return call


def _no_such_key(key, delta):
    # What incr() says of a missing key: the counter starts again when Redis returns.
    raise ValueError(f"Key {key!r} not found: the cache is unavailable")


class DegradingRedisCacheClient(RedisCacheClient):
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
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = DegradingRedisCacheClient
