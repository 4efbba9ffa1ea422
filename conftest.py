"""Fixtures for the tests of every app (tests/, wpimport/tests/).

pytest reads a conftest.py only for the tests in its own folder and below: what every
test needs lives here, at the root; what only tests/ uses stays in tests/conftest.py.
"""

import pytest
from django.core.cache import cache
from django.test import override_settings


@pytest.fixture(autouse=True, scope="session")
def cheap_password_hashing():
    """Passwords are hashed with MD5 in every test: the real hasher is slow by design.

    One setting for the whole session, so it reaches the live servers that run in the
    test's own process too (`live_server`, the browser journeys). Servers started as their
    own processes (tests/live.py) keep the real hasher.
    """
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with no rate-limit counters (in Redis too, when REDIS_URL is set)."""
    cache.clear()
    yield
    cache.clear()


def pytest_configure(config):
    """No statement may run for minutes: a query that does has a plan gone wrong.

    PostgreSQL plans against the statistics of tables a test just filled, which it hasn't
    analysed yet; an `IN (subquery LIMIT n)` was once planned as a nested loop over
    everything and spun for ten minutes. With a statement timeout such a plan fails the
    test at once, naming the query, instead of stalling the run until CI gives up.
    """
    from django.db.backends.signals import connection_created

    connection_created.connect(_limit_statement_time, dispatch_uid="tests-statement-timeout")


def _limit_statement_time(sender, connection, **kwargs):
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = '60s'")
