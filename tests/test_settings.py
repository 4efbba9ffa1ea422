"""Settings fail safe: debug is off unless asked for, and production needs a secret key."""

import os
import subprocess
import sys

from django.conf import settings


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
    assert run_settings(DJANGO_SECRET_KEY="x" * 50).stdout.strip() == "False"
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
