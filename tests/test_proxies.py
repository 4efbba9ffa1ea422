"""Behind the proxy every reader is still themselves: client addresses and rate limits.

The tests that matter go the way the world goes: real gunicorn with the repository's
config, the repository's nginx config in front, readers on different loopback addresses
(127.0.0.2, 127.0.0.3, …), and parallel requests racing for the last place under a limit.
"""

import os
import secrets

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from postbag.clients import client_address, client_key
from tests.live import Visitor, at_once, form_fields, gunicorn, nginx
from tests.support import check_deploy

pytestmark = pytest.mark.django_db

STATUS = "/ask/status/"
WRONG_CODE = "AAAA-AAAA-AAAA-AAAA"


def address_of(settings, remote, forwarded=None, trusted=()):
    settings.TRUSTED_PROXIES = list(trusted)
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return str(client_address(RequestFactory().get("/", **meta)))


def test_forwarded_for_is_ignored_from_an_untrusted_peer(settings):
    assert address_of(settings, "203.0.113.5", "198.51.100.1") == "203.0.113.5"
    assert address_of(settings, "203.0.113.5", "198.51.100.1", trusted=["10.0.0.0/8"]) == (
        "203.0.113.5"
    )


def test_the_right_most_untrusted_address_is_the_client(settings):
    trusted = ["127.0.0.1", "10.0.0.0/8"]
    # What the client wrote (left) can't push out what the proxies saw (right).
    assert address_of(settings, "127.0.0.1", "1.1.1.1, 198.51.100.7", trusted) == "198.51.100.7"
    assert address_of(settings, "127.0.0.1", "198.51.100.7, 10.1.2.3", trusted) == "198.51.100.7"
    # Every hop trusted: the left-most is as close to the client as we can know.
    assert address_of(settings, "127.0.0.1", "10.9.9.9, 10.1.2.3", trusted) == "10.9.9.9"
    # An entry that isn't an address ends the walk at the last good one.
    assert address_of(settings, "127.0.0.1", "198.51.100.7, junk, 10.1.2.3", trusted) == (
        "10.1.2.3"
    )
    assert address_of(settings, "127.0.0.1", "", trusted) == "127.0.0.1"
    assert address_of(settings, "127.0.0.1", "[2001:db8::5]:4711", trusted) == "2001:db8::5"
    assert address_of(settings, "127.0.0.1", "198.51.100.7:4711", trusted) == "198.51.100.7"
    assert address_of(settings, "::ffff:127.0.0.1", "::ffff:198.51.100.7", trusted) == (
        "198.51.100.7"
    )


def test_an_ipv6_client_is_its_64_block(settings):
    settings.TRUSTED_PROXIES = []
    key = client_key(RequestFactory().get("/", REMOTE_ADDR="2001:db8:1:2:aaaa::1"))
    other_host = client_key(RequestFactory().get("/", REMOTE_ADDR="2001:db8:1:2:ffff::9"))
    next_block = client_key(RequestFactory().get("/", REMOTE_ADDR="2001:db8:1:3::1"))
    assert key == other_host == "2001:db8:1:2::/64"
    assert next_block != key
    assert client_key(RequestFactory().get("/", REMOTE_ADDR="192.0.2.1")) == "192.0.2.1"


def test_a_typo_in_trusted_proxies_stops_start_up():
    import subprocess
    import sys

    from django.conf import settings

    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        env={**os.environ, "DJANGO_DEBUG": "1", "TRUSTED_PROXIES": "127.0.0.1, nginx"},
    )
    assert result.returncode != 0
    assert "TRUSTED_PROXIES: 'nginx' is not an address" in result.stderr


def test_a_guesser_cannot_lock_an_editor_out_from_elsewhere(editor, settings):
    """Behind a trusted proxy: failures count per (name, client) and per client."""
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    settings.ADMIN_LOGIN_RATE_LIMIT = (3, 3600)
    settings.ADMIN_LOGIN_CLIENT_RATE_LIMIT = (5, 3600)
    login = reverse("admin:login")
    guesser = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.66")
    for _ in range(3):
        assert guesser.post(login, {"username": "Editor", "password": "x"}).status_code == 200
    assert guesser.post(login, {"username": "editor", "password": "x"}).status_code == 429
    # The same client may still try other names, up to its own limit.
    assert guesser.post(login, {"username": "someone", "password": "x"}).status_code == 200
    assert guesser.post(login, {"username": "another", "password": "x"}).status_code == 200
    assert guesser.post(login, {"username": "third", "password": "x"}).status_code == 429

    # The editor, behind the same proxy but elsewhere, logs in.
    editor_client = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.4")
    ok = editor_client.post(login, {"username": "editor", "password": "a-long-test-password"})
    assert ok.status_code == 302


def test_a_successful_log_in_is_not_counted(editor, settings):
    settings.ADMIN_LOGIN_RATE_LIMIT = (2, 3600)
    login = reverse("admin:login")
    for _ in range(3):
        client = Client()
        ok = client.post(login, {"username": "editor", "password": "a-long-test-password"})
        assert ok.status_code == 302
    assert Client().post(login, {"username": "editor", "password": "x"}).status_code == 200


def server_env(**extra):
    """Settings for a real app server: its own secret (so no counter is shared with another
    test's server through Redis), and Redis when the test run has it (as CI does)."""
    env = {"DJANGO_SECRET_KEY": secrets.token_urlsafe(40), **extra}
    if os.environ.get("REDIS_URL"):
        env["REDIS_URL"] = os.environ["REDIS_URL"]
    return env


def guess(visitor, *, headers=None):
    """One wrong receipt code from `visitor`, with a fresh form; the answer's status."""
    page = visitor.get(STATUS)
    token = form_fields(page.text)["csrfmiddlewaretoken"]
    answer = visitor.post_form(
        STATUS, {"csrfmiddlewaretoken": token, "code": WRONG_CODE}, headers=headers
    )
    return answer.status


@pytest.fixture
def app_behind_nginx(live_database, nginx_binary):
    env = server_env(TRUSTED_PROXIES="127.0.0.1", ASK_STATUS_RATE_LIMIT="3/h")
    with gunicorn(live_database, env=env) as app, nginx(app.port) as proxy:
        yield app, proxy


def test_two_readers_behind_the_proxy_have_their_own_limits(app_behind_nginx):
    _, proxy = app_behind_nginx
    first, second = Visitor(proxy.url, "127.0.0.2"), Visitor(proxy.url, "127.0.0.3")
    assert [guess(first) for _ in range(4)] == [200, 200, 200, 429]
    assert guess(second) == 200  # the next reader's first try is not a 429


def test_a_spoofed_forwarded_for_changes_nothing(app_behind_nginx):
    app, proxy = app_behind_nginx
    # Through nginx: whatever the client claims, nginx appends what it saw.
    through_proxy = Visitor(proxy.url, "127.0.0.4")
    statuses = [
        guess(through_proxy, headers={"X-Forwarded-For": f"198.51.100.{n}"}) for n in range(4)
    ]
    assert statuses == [200, 200, 200, 429]
    # Straight to gunicorn from an address that is not a trusted proxy: the header is ignored.
    direct = Visitor(app.url, "127.0.0.5")
    statuses = [guess(direct, headers={"X-Forwarded-For": f"198.51.100.{n}"}) for n in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_an_ipv6_64_shares_one_limit(live_database):
    env = server_env(TRUSTED_PROXIES="127.0.0.1", ASK_STATUS_RATE_LIMIT="3/h")
    with gunicorn(live_database, env=env) as app:
        proxy = Visitor(app.url, "127.0.0.1")  # the trusted proxy, forwarding IPv6 readers
        hosts = ["2001:db8:1:2::1", "2001:db8:1:2::2", "2001:db8:1:2:ffff::3"]
        statuses = [guess(proxy, headers={"X-Forwarded-For": host}) for host in hosts]
        assert statuses == [200, 200, 200]
        assert guess(proxy, headers={"X-Forwarded-For": "2001:db8:1:2:abcd::4"}) == 429
        assert guess(proxy, headers={"X-Forwarded-For": "2001:db8:1:3::1"}) == 200


def test_parallel_guesses_cannot_overshoot_the_limit(live_database):
    """Twelve wrong codes at once against a limit of 3: exactly 3 are looked up."""
    env = server_env(ASK_STATUS_RATE_LIMIT="3/h")
    workers = 2 if os.environ.get("REDIS_URL") else 1  # processes share counts via Redis
    with gunicorn(live_database, env=env, workers=workers, threads=6) as app:
        visitors = [Visitor(app.url, "127.0.0.6") for _ in range(12)]
        forms = []
        for visitor in visitors:
            token = form_fields(visitor.get(STATUS).text)["csrfmiddlewaretoken"]
            forms.append({"csrfmiddlewaretoken": token, "code": WRONG_CODE})
        statuses = at_once(
            [
                lambda v=v, f=f: v.post_form(STATUS, f).status
                for v, f in zip(visitors, forms, strict=True)
            ]
        )
    assert sorted(statuses) == [200] * 3 + [429] * 9


def test_check_deploy_warns_of_a_proxy_with_no_trusted_proxies():
    """A proxy in front (its TLS header believed) but TRUSTED_PROXIES empty: one client."""
    untrusted = check_deploy(TRUSTED_PROXIES="")
    assert "postbag.W001" in untrusted.stdout + untrusted.stderr
    assert "TRUSTED_PROXIES is empty" in untrusted.stdout + untrusted.stderr
    trusted = check_deploy()
    assert "postbag.W001" not in trusted.stdout + trusted.stderr
