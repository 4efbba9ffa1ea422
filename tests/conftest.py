from contextlib import contextmanager

import pytest
from django.core.cache import cache
from django.db import connections

from tests import factories


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with no rate-limit counters (in Redis too, when REDIS_URL is set)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def editor(db):
    return factories.editor()


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@contextmanager
def database_down():
    """The default database really can't be reached: a nonexistent file or a closed port.

    A second connection with broken settings stands in for the real one, so the test's own
    connection (and its transaction) is untouched and comes back afterwards.
    """
    working = connections["default"]
    broken_settings = {**working.settings_dict}
    if working.vendor == "sqlite":
        broken_settings["NAME"] = "/nonexistent-postbag-dir/db.sqlite3"
    else:
        broken_settings.update(HOST="127.0.0.1", PORT="9", OPTIONS={"connect_timeout": 2})
    connections["default"] = working.__class__(broken_settings, alias="default")
    try:
        yield
    finally:
        connections["default"].close()
        connections["default"] = working


@pytest.fixture
def database_unavailable(db):
    with database_down():
        yield
