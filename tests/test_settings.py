"""Settings fail safe: debug is off unless asked for, production needs a secret key, and
EMAIL_URL is read as written or stops start-up."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from config.environment import email_settings_from_url


def run_settings(**env):
    environ = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environ.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import config.settings as s; print(s.DEBUG)"],
        capture_output=True,
        text=True,
        env=environ,
        cwd=settings.BASE_DIR,
    )


def test_debug_off_without_a_secret_key_stops_with_a_clear_message():
    result = run_settings()
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_debug_is_off_unless_asked_for():
    production = {"DJANGO_SECRET_KEY": "x" * 50, "SITE_URL": "https://column.example.org"}
    assert run_settings(**production).stdout.strip() == "False"
    assert run_settings(DJANGO_DEBUG="1").stdout.strip() == "True"


def test_makemigrations_finds_nothing_to_do():
    result = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_DEBUG": "1"},
    )
    assert result.returncode == 0, result.stdout + result.stderr


SMTP = "django.core.mail.backends.smtp.EmailBackend"


@pytest.mark.parametrize(
    "url, expected",
    [
        (
            "smtp://mail.example.org",
            {"EMAIL_BACKEND": SMTP, "EMAIL_HOST": "mail.example.org", "EMAIL_PORT": 25,
             "EMAIL_HOST_USER": "", "EMAIL_HOST_PASSWORD": "",
             "EMAIL_USE_SSL": False, "EMAIL_USE_TLS": False},
        ),
        (
            "smtp://letters:secret@mail.example.org:2525",
            {"EMAIL_BACKEND": SMTP, "EMAIL_HOST": "mail.example.org", "EMAIL_PORT": 2525,
             "EMAIL_HOST_USER": "letters", "EMAIL_HOST_PASSWORD": "secret",
             "EMAIL_USE_SSL": False, "EMAIL_USE_TLS": False},
        ),
        (
            "smtps://letters:secret@mail.example.org",
            {"EMAIL_BACKEND": SMTP, "EMAIL_HOST": "mail.example.org", "EMAIL_PORT": 465,
             "EMAIL_HOST_USER": "letters", "EMAIL_HOST_PASSWORD": "secret",
             "EMAIL_USE_SSL": True, "EMAIL_USE_TLS": False},
        ),
        (
            "submission://letters:secret@mail.example.org",
            {"EMAIL_BACKEND": SMTP, "EMAIL_HOST": "mail.example.org", "EMAIL_PORT": 587,
             "EMAIL_HOST_USER": "letters", "EMAIL_HOST_PASSWORD": "secret",
             "EMAIL_USE_SSL": False, "EMAIL_USE_TLS": True},
        ),
        (
            # A user name that is an address, and a password with the characters a URL
            # reserves (@ : / % and a space), each percent-encoded.
            "submission://letters%40example.org:p%40ss%3Aw%2Ford%25%20x@mail.example.org:587",
            {"EMAIL_BACKEND": SMTP, "EMAIL_HOST": "mail.example.org", "EMAIL_PORT": 587,
             "EMAIL_HOST_USER": "letters@example.org", "EMAIL_HOST_PASSWORD": "p@ss:w/ord% x",
             "EMAIL_USE_SSL": False, "EMAIL_USE_TLS": True},
        ),
        (
            "console://",
            {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
             "EMAIL_HOST": "localhost", "EMAIL_PORT": 25,
             "EMAIL_HOST_USER": "", "EMAIL_HOST_PASSWORD": "",
             "EMAIL_USE_SSL": False, "EMAIL_USE_TLS": False},
        ),
    ],
    ids=["smtp", "smtp-port-and-login", "smtps", "submission", "percent-encoded", "console"],
)  # fmt: skip
def test_email_url_names_the_back_end_server_login_and_encryption(url, expected):
    assert email_settings_from_url(url) == expected


@pytest.mark.parametrize(
    "url", ["smtp+tls://mail.example.org", "mail.example.org", "https://mail.example.org"]
)
def test_an_email_url_with_an_unknown_scheme_stops_start_up(url):
    with pytest.raises(ImproperlyConfigured, match="EMAIL_URL scheme"):
        email_settings_from_url(url)
