"""Fixtures for the tests of every app (tests/, wpimport/tests/).

pytest reads a conftest.py only for the tests in its own folder and below: what every
test needs lives here, at the root; what only tests/ uses stays in tests/conftest.py.
"""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with no rate-limit counters (in Redis too, when REDIS_URL is set)."""
    cache.clear()
    yield
    cache.clear()
