import os

import pytest

from tests import factories
from tests.support import database_down


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Files the site stores (a demo load's portrait, uploads) go to the test's own temporary
    folder, never into the project's media/; returns that folder (a Path)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def editor(db):
    return factories.editor()


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def database_unavailable(db):
    with database_down():
        yield


@pytest.fixture
def smtp_server():
    """A real SMTP server (aiosmtpd) on 127.0.0.1 that accepts every message: the Mailbox
    of tests/live.py. Point the app at it with `send_mail_to(settings, smtp_server.port)`."""
    from tests.live import mail_server

    with mail_server() as mailbox:
        yield mailbox


@pytest.fixture
def silent_smtp_server():
    """A mail server that is up but hung: it accepts, never greets, and notes when the
    client gives up (closes its end). The SilentServer of tests/live.py."""
    from tests.live import silent_mail_server

    with silent_mail_server() as server:
        yield server


@pytest.fixture(scope="session")
def live_database(tmp_path_factory):
    """A migrated SQLite file for real servers (tests/live.py), made once per session."""
    import subprocess
    import sys

    from django.conf import settings

    path = tmp_path_factory.mktemp("live-db") / "db.sqlite3"
    url = f"sqlite:///{path}"
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_DEBUG": "1", "DATABASE_URL": url},
        check=True,
    )
    return url


@pytest.fixture(scope="session")
def nginx_binary():
    """nginx is needed to test through the repository's proxy config; CI installs it."""
    from tests.live import nginx_available

    if not nginx_available():
        message = "nginx is not installed (apt-get install nginx-light)"
        if os.environ.get("REQUIRE_NGINX") == "1":
            pytest.fail(f"REQUIRE_NGINX=1 but {message}.", pytrace=False)
        pytest.skip(f"{message}: tests through the proxy skipped.")


@pytest.fixture(scope="session")
def production_env(tmp_path_factory):
    """Environment for a real app server with debug off, as deployed (tests/live.py).

    Static files are collected once into a temporary STATIC_ROOT (hashed names need the
    manifest); HTTPS redirects are off because the tests speak plain HTTP on 127.0.0.1.
    """
    import secrets
    import subprocess
    import sys

    from django.conf import settings

    static_root = tmp_path_factory.mktemp("static")
    env = {
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "SITE_URL": "http://127.0.0.1",
        "STATIC_ROOT": str(static_root),
        "EMAIL_URL": "smtp://127.0.0.1:9",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=settings.BASE_DIR,
        env={**os.environ, **env},
        check=True,
    )
    return env
