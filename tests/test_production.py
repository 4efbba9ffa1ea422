"""Safe on the internet and standing when its world fails: settings, headers, faults."""

import pytest
from django.test import Client
from django.urls import reverse

from advice.models import Letter
from tests import factories
from tests.support import ask_data, check_deploy, database_down, receipt_code

pytestmark = pytest.mark.django_db


def test_check_deploy_is_clean_under_production_settings():
    result = check_deploy(fail_level="DEBUG")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def assert_security_headers(response):
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]


def test_security_headers_on_public_and_admin_pages(client, editor_client):
    letter = factories.letter()
    assert_security_headers(client.get(letter.get_absolute_url()))
    assert_security_headers(client.get(reverse("advice:ask")))
    assert_security_headers(editor_client.get(reverse("admin:advice_letter_changelist")))
    assert_security_headers(
        editor_client.get(reverse("admin:advice_letter_change", args=[letter.pk]))
    )


def test_healthz_answers_both_ways():
    client = Client(raise_request_exception=False)
    ok = client.get(reverse("healthz"))
    assert ok.status_code == 200 and ok.content == b"ok"
    assert "no-cache" in ok["Cache-Control"]
    with database_down():
        down = client.get(reverse("healthz"))
    assert down.status_code == 503


def test_healthz_is_exempt_from_the_https_redirect(settings):
    settings.SECURE_SSL_REDIRECT = True
    client = Client()
    assert client.get(reverse("healthz")).status_code == 200
    assert client.get(reverse("home")).status_code == 301


def test_pages_answer_a_friendly_503_while_the_database_is_down_and_recover():
    letter = factories.letter()
    client = Client(raise_request_exception=False)
    with database_down():
        for url in [reverse("home"), reverse("advice:letter_list"), letter.get_absolute_url()]:
            response = client.get(url)
            assert response.status_code == 503, url
            assert "back in a few minutes" in response.content.decode()
            assert response["Retry-After"] == "60"
    assert client.get(letter.get_absolute_url()).status_code == 200  # no restart needed


@pytest.fixture
def redis_down(settings):
    """The configured cache is Redis on a port where nothing listens."""
    settings.CACHES = {
        "default": {
            "BACKEND": "postbag.cache.DegradingRedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


def test_pages_and_letters_keep_working_while_redis_is_down(client, redis_down, settings):
    settings.ASK_RATE_LIMIT = (1, 3600)
    letter = factories.letter()
    assert client.get(letter.get_absolute_url()).status_code == 200
    assert client.get(reverse("home")).status_code == 200
    # Rate limits fail open: both letters are accepted rather than lost.
    assert receipt_code(client.post(reverse("advice:ask"), ask_data()))
    assert receipt_code(
        client.post(reverse("advice:ask"), ask_data(letter=ask_data()["letter"] + " More."))
    )
    assert Letter.objects.filter(status=Letter.Status.NEW).count() == 2


def test_admin_login_locks_out_a_guessing_client(client, editor, settings):
    settings.ADMIN_LOGIN_RATE_LIMIT = (3, 3600)
    login = reverse("admin:login")
    for _ in range(3):
        wrong = client.post(login, {"username": "editor", "password": "guess"})
        assert wrong.status_code == 200
    locked = client.post(login, {"username": "editor", "password": "a-long-test-password"})
    assert locked.status_code == 429
    assert "Too many failed log-ins" in locked.content.decode()
    assert "_auth_user_id" not in client.session

    elsewhere = Client(REMOTE_ADDR="198.51.100.20")
    ok = elsewhere.post(login, {"username": "editor", "password": "a-long-test-password"})
    assert ok.status_code == 302
