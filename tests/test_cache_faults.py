"""The shared cache failing as it fails in the world: a Redis that accepts connections and
never answers, and one that comes back; and a cache that two sites or workers share."""

import os
import secrets
import socket
import threading
import time
import urllib.request
from urllib.parse import urlsplit

import pytest
import redis
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from advice import services
from advice.models import Letter
from config.environment import site_key_prefix
from tests import factories
from tests.live import gunicorn
from tests.support import ask_data, check_deploy, public_pages, receipt_code

pytestmark = pytest.mark.django_db

# Redis databases of this file's own (when REDIS_URL doesn't name one), and the bound on a
# page's time while Redis hangs: generous for a shared 2-core machine, far under the 0.5 s
# that a single wait for the hung socket costs.
FALLBACK_REDIS_URLS = ("redis://127.0.0.1:6379/12", "redis://127.0.0.1:6379/13")
FAST_SECONDS = 0.3


class StandInRedis:
    """A TCP server on 127.0.0.1 standing where Redis would be, in one of three modes.

    "hang": accepts every connection and never answers on any, open or new (a Redis
    stopped with SIGSTOP, a host whose disk stalls, a dead backend behind a proxy that
    still accepts). "drop": closes every connection, open or new, at once (Redis stopped
    or restarting). "forward": pipes each connection made from then on to the real Redis
    at `upstream` ("host", port). Starts hanging; `accepted` counts connections made to it.
    """

    def __init__(self, upstream=None):
        self.upstream = upstream
        self.accepted = 0
        self.mode = "hang"
        self._generation = 0  # a forwarded connection answers only in its own generation
        self._sockets = []
        self._listener = socket.create_server(("127.0.0.1", 0), backlog=128)
        self.port = self._listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def url(self, db=0):
        return f"redis://127.0.0.1:{self.port}/{db}"

    def hang(self):
        self._switch("hang")

    def drop(self):
        self._switch("drop")
        for end in self._sockets:
            self._close(end)

    def forward(self):
        self._switch("forward")

    def close(self):
        self.hang()
        self._listener.shutdown(socket.SHUT_RDWR)  # wakes the thread blocked in accept()
        self._listener.close()
        for end in self._sockets:
            self._close(end)

    def _switch(self, mode):
        self.mode = mode
        self._generation += 1

    @staticmethod
    def _close(end):
        try:
            end.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        end.close()

    def _accept(self):
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            self.accepted += 1
            if self.mode == "drop":
                self._close(client)
                continue
            self._sockets.append(client)
            if self.mode == "hang":
                continue  # held open, never read
            server = socket.create_connection(self.upstream)
            self._sockets.append(server)
            for source, target in ((client, server), (server, client)):
                threading.Thread(
                    target=self._pipe, args=(source, target, self._generation), daemon=True
                ).start()

    def _pipe(self, source, target, generation):
        # Once the mode changes, what arrives is swallowed: the other end waits for ever.
        try:
            while data := source.recv(65536):
                if self.mode == "forward" and generation == self._generation:
                    target.sendall(data)
        except OSError:
            pass


def real_redis_url(n=0):
    """The Redis the tests may use: REDIS_URL's, else this file's own database `n`."""
    url = os.environ.get("REDIS_URL") or FALLBACK_REDIS_URLS[n]
    try:
        redis.Redis.from_url(url, socket_timeout=1).ping()
    except redis.RedisError:
        pytest.skip(f"no Redis answers at {url}")
    return url


def database_number(url):
    return int(urlsplit(url).path.strip("/") or 0)


def forget_keys(url, prefix):
    """Delete what a test stored in the real Redis under its own key prefix."""
    keys = redis.Redis.from_url(url)
    for key in keys.scan_iter(f"{prefix}:*"):
        keys.delete(key)


@pytest.fixture
def stand_in():
    parts = urlsplit(real_redis_url())
    server = StandInRedis(upstream=(parts.hostname, parts.port or 6379))
    yield server
    server.close()


def use_redis(settings, url, *, retry_seconds=10):
    """Make the default cache the site's Redis back end at `url`, as settings.py does."""
    prefix = f"test-{secrets.token_hex(4)}"
    settings.CACHES = {
        "default": {
            **django_settings.CACHES["default"],
            "BACKEND": "postbag.cache.DegradingRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
            "OPTIONS": {
                "socket_connect_timeout": 0.5,
                "socket_timeout": 0.5,
                "retry_seconds": retry_seconds,
            },
        }
    }
    return prefix


def timed_get(client, url, **kwargs):
    started = time.monotonic()
    response = client.get(url, **kwargs)
    return response, time.monotonic() - started


def test_pages_stay_fast_and_right_while_redis_hangs(client, settings, stand_in):
    theme = factories.theme(name="Friendship")
    title = "Still readable while Redis hangs"
    letter = factories.letter(themes=[theme], title=title)
    article = factories.article(themes=[theme])
    use_redis(settings, stand_in.url())

    first, seconds = timed_get(client, reverse("home"))
    assert first.status_code == 200
    assert seconds < 2  # the request that finds out waits for one socket timeout (0.5 s)

    pages = public_pages(letter=letter, article=article, theme=theme, query="readable")
    pages.append(("feed", reverse("feeds_latest")))
    # What some pages must show; every page must answer, and quickly.
    shows = dict.fromkeys(["home", "letters", "letter", "theme", "search-results", "feed"], title)
    shows.update(themes="Friendship", ask="Send my letter")
    for _ in range(2):
        for name, url in pages:
            response, seconds = timed_get(client, url)
            assert response.status_code == 200, url
            assert shows.get(name, "") in response.content.decode(), url
            assert seconds < FAST_SECONDS, f"{url} took {seconds:.2f} s"

    # A reader's letter is taken too (the rate limits fail open), as quickly.
    started = time.monotonic()
    assert receipt_code(client.post(reverse("advice:ask"), ask_data()))
    assert time.monotonic() - started < FAST_SECONDS


@pytest.mark.parametrize("fault", ["hang", "drop"])
def test_no_content_version_is_made_while_redis_is_away(client, settings, stand_in, fault):
    letter = factories.letter()
    getattr(stand_in, fault)()
    use_redis(settings, stand_in.url())
    client.get(reverse("home"))  # finds out

    with CaptureQueriesContext(connection) as queries:
        for url in [reverse("home"), reverse("advice:letter_list"), letter.get_absolute_url()]:
            assert client.get(url).status_code == 200
    # next_scheduled_publication()'s aggregates: what making a version costs, every call.
    assert not [q["sql"] for q in queries if "MIN(" in q["sql"].upper()]


def test_a_hung_redis_is_asked_once_per_period_not_once_per_call(settings, stand_in):
    use_redis(settings, stand_in.url(), retry_seconds=0.5)
    assert cache.get("anything") is None  # the first failure
    after_first = stand_in.accepted

    def reader(durations):
        for _ in range(20):
            started = time.monotonic()
            cache.get("anything")
            cache.add("a-counter", 1)
            durations.append(time.monotonic() - started)
            time.sleep(0.05)

    durations = []
    threads = [threading.Thread(target=reader, args=(durations,)) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # 240 calls over about 1.2 s: at most a probe every 0.5 s (each waits 0.5 s), none by
    # a caller, and no caller waits.
    assert stand_in.accepted - after_first <= 3
    assert max(durations) < 0.1


@pytest.mark.parametrize("fault", ["hang", "drop"])
def test_pages_are_cached_again_and_fresh_when_redis_answers_again(
    request, client, settings, stand_in, fault
):
    stand_in.forward()
    url = real_redis_url()
    prefix = use_redis(settings, stand_in.url(database_number(url)), retry_seconds=0.5)
    request.addfinalizer(lambda: forget_keys(url, prefix))
    home = reverse("home")
    client.get(home)
    assert client.get(home)["X-Page-Cache"] == "hit"

    getattr(stand_in, fault)()
    client.get(home)  # finds out
    response, seconds = timed_get(client, home)
    assert seconds < FAST_SECONDS
    assert "X-Page-Cache" not in response  # nothing stored while the cache can't be read
    # Published while Redis is away: the content version can't be bumped now.
    letter = factories.letter(status=Letter.Status.DRAFTED, title="Published in the outage")
    services.publish_letter(letter=letter)
    assert "Published in the outage" in client.get(home).content.decode()

    stand_in.forward()
    deadline = time.monotonic() + 5
    while "X-Page-Cache" not in (response := client.get(home)):
        assert time.monotonic() < deadline, "pages were not cached again"
        time.sleep(0.1)
    # The page from before the outage is not served: the version was bumped on return.
    assert "Published in the outage" in response.content.decode()
    again = client.get(home)
    assert again["X-Page-Cache"] == "hit"
    assert "Published in the outage" in again.content.decode()


def test_gunicorn_pages_stay_fast_while_redis_hangs_and_recover(request, live_database, stand_in):
    url = real_redis_url()
    env = {
        "REDIS_URL": stand_in.url(database_number(url)),
        "REDIS_RETRY_SECONDS": "1",
        "CACHE_KEY_PREFIX": f"test-{secrets.token_hex(4)}",
    }
    request.addfinalizer(lambda: forget_keys(url, env["CACHE_KEY_PREFIX"]))
    with gunicorn(live_database, env=env) as app:

        def get(path):
            started = time.monotonic()
            with urllib.request.urlopen(app.url + path, timeout=10) as response:
                response.read()
                return response, time.monotonic() - started

        get("/")  # finds out
        for path in ["/", "/letters/", "/themes/", "/feeds/latest/", "/"]:
            response, seconds = get(path)
            assert seconds < FAST_SECONDS, f"{path} took {seconds:.2f} s"
            assert response.status == 200
            assert response.headers["X-Page-Cache"] is None

        stand_in.forward()
        deadline = time.monotonic() + 10
        while get("/letters/")[0].headers["X-Page-Cache"] != "hit":
            assert time.monotonic() < deadline, "pages were not cached again"
            time.sleep(0.2)


def test_sites_sharing_one_redis_database_keep_their_own_pages(request, live_database):
    url = real_redis_url(1)
    for prefix in ("kindly.example", "other.example"):
        request.addfinalizer(lambda prefix=prefix: forget_keys(url, prefix))

    def site(slug, name):
        return {"REDIS_URL": url, "SITE_URL": f"https://{slug}.example", "SITE_NAME": name}

    with (
        gunicorn(live_database, env=site("kindly", "Kindly Column")) as first,
        gunicorn(live_database, env=site("other", "Other Column")) as second,
    ):
        for _ in range(2):
            with urllib.request.urlopen(first.url + "/letters/") as response:
                assert "Kindly Column" in response.read().decode()
        assert response.headers["X-Page-Cache"] == "hit"
        with urllib.request.urlopen(second.url + "/letters/") as response:
            page = response.read().decode()
        assert response.headers["X-Page-Cache"] == "miss"
        assert "Other Column" in page and "Kindly Column" not in page


@pytest.mark.parametrize(
    ("site_url", "prefix"),
    [
        ("https://column.example.org", "column.example.org"),
        ("https://Column.Example.org/advice/", "column.example.org-advice"),
        ("http://127.0.0.1:8000", "127.0.0.1-8000"),
        ("", "postbag"),
    ],
)
def test_the_cache_key_prefix_names_the_site(site_url, prefix):
    assert site_key_prefix(site_url) == prefix


def deploy_warnings(**env):
    result = check_deploy(without=("REDIS_",), **env)
    return result.stdout + result.stderr


def test_check_deploy_warns_of_a_cache_each_process_keeps_alone():
    warned = deploy_warnings()
    assert "postbag.W010" in warned and "whole pages for up to 600 s" in warned
    # Remembered counts go stale the same way with the page cache off.
    assert "postbag.W010" in deploy_warnings(PAGE_CACHE_SECONDS="0")
    assert "postbag.W010" not in deploy_warnings(REDIS_URL="redis://127.0.0.1:6379/12")
