"""System checks for a deployment that would quietly break a promise.

Each check speaks only when debug is off (a laptop needs none of them) and is shown by
`manage.py check --deploy`. `@deploy_check` adds a check to DEPLOY_CHECKS, which
PostbagConfig.ready() registers through register_all().
"""

from django.conf import settings
from django.core import checks

# Each check: a function(app_configs, **kwargs) returning a list of checks.Warning/Error.
DEPLOY_CHECKS = []


def deploy_check(function):
    """Mark `function` as a deployment check (registered by register_all)."""
    DEPLOY_CHECKS.append(function)
    return function


def register_all():
    """Register every check in DEPLOY_CHECKS as a deployment check (`check --deploy`)."""
    for check in DEPLOY_CHECKS:
        checks.register(check, checks.Tags.security, deploy=True)


@deploy_check
def check_trusted_proxies(app_configs, **kwargs):
    """A proxy in front (its TLS header is trusted) but none named: one client for all."""
    if settings.DEBUG or not getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        return []
    if settings.TRUSTED_PROXIES:
        return []
    return [
        checks.Warning(
            "DJANGO_SECURE_PROXY_SSL_HEADER is set, so a proxy is in front of the app, but "
            "TRUSTED_PROXIES is empty: every reader arrives from the proxy's address, so the "
            "rate limits (asking, receipt codes, editor log-ins) count all readers as one.",
            hint="Set TRUSTED_PROXIES to the proxy's address or network, e.g. 127.0.0.1.",
            id="postbag.W001",
        )
    ]


@deploy_check
def check_shared_cache(app_configs, **kwargs):
    """A cache of each process's own (LocMemCache) with debug off: stale pages after a publish.

    A publish bumps the content version (postbag.pagecache) in the one process that saved
    it; every other gunicorn worker keeps its own version, pages and remembered counts until
    they expire. The dummy cache keeps nothing, so it goes stale nowhere and isn't warned of.
    """
    from django.core.cache.backends.locmem import LocMemCache
    from django.utils.module_loading import import_string

    from postbag.versioning import DATA_SECONDS

    backend = import_string(settings.CACHES["default"]["BACKEND"])
    if settings.DEBUG or not issubclass(backend, LocMemCache):
        return []
    stale = f"remembered counts and theme lists for up to {DATA_SECONDS} s"
    if settings.PAGE_CACHE_SECONDS > 0:
        stale = f"whole pages for up to {settings.PAGE_CACHE_SECONDS} s and {stale}"
    return [
        checks.Warning(
            "The cache is each process's own memory (no REDIS_URL): after a publish or an "
            f"edit, the other app server processes keep showing {stale}.",
            hint="Set REDIS_URL so that every process and server shares one cache.",
            id="postbag.W010",
        )
    ]


@deploy_check
def check_email_backend(app_configs, **kwargs):
    """Debug off with the console e-mail back end (no EMAIL_URL or EMAIL_BACKEND set).

    The console back end writes each message, its To: line included, to standard output,
    which gunicorn sends to the server log: readers' addresses would be kept in the logs,
    and no reader would ever be told of their letter.
    """
    if settings.DEBUG or settings.EMAIL_BACKEND != "django.core.mail.backends.console.EmailBackend":
        return []
    return [
        checks.Error(
            "E-mail goes to the console back end with debug off: each outcome e-mail, "
            "readers' e-mail addresses included, would be printed into the server log "
            "instead of being sent.",
            hint="Set EMAIL_URL to your mail server, e.g. "
            "submission://user:password@smtp.example.org:587.",
            id="postbag.E020",
        )
    ]
