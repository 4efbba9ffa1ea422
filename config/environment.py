"""Reading settings from the environment: the parsing functions config/settings.py uses.

The settings themselves, and which variable each one reads, stay in config/settings.py (the
one place for settings); here is only how a variable's text becomes a value, and the
ImproperlyConfigured raised for a typo, which stops start-up.
"""

import os
import re
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured


def env_bool(name, default=False):
    """The variable `name` as a bool: 1, true, yes or on (any case) are True; unset or
    empty is `default`; anything else is False."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default, *, low=None, high=None):
    """The variable `name` as an int, `default` when unset or empty; ImproperlyConfigured
    when it is not a whole number, or outside `low`..`high` (each optional, inclusive)."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None
    if (low is not None and number < low) or (high is not None and number > high):
        bounds = f"at least {low}" if high is None else f"at most {high}"
        bounds = f"from {low} to {high}" if None not in (low, high) else bounds
        raise ImproperlyConfigured(f"{name} must be {bounds}, not {number}.")
    return number


def env_rate(name, default):
    """A rate such as '5/h' or '20/d' as (count, seconds); a typo stops start-up."""
    value = os.environ.get(name, "").strip() or default
    match = re.fullmatch(r"(\d+)\s*/\s*([smhd])", value)
    if not match:
        raise ImproperlyConfigured(f"{name} must look like 5/h or 20/d, not {value!r}.")
    return int(match.group(1)), {"s": 1, "m": 60, "h": 3600, "d": 86400}[match.group(2)]


def env_range(name, default):
    """A range of whole numbers such as '300-900' as (low, high), `default` when unset or
    empty; ImproperlyConfigured for anything else, or a low above the high."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    match = re.fullmatch(r"(\d+)\s*[-\u2013]\s*(\d+)", value)
    if not match or int(match.group(1)) > int(match.group(2)):
        raise ImproperlyConfigured(f"{name} must look like 300-900, not {value!r}.")
    return int(match.group(1)), int(match.group(2))


def env_list(name, default=()):
    """The variable `name` as a list of its comma-separated, stripped, non-empty items;
    `default` (as a list) when unset."""
    value = os.environ.get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def site_key_prefix(site_url):
    """A cache key prefix naming the site: SITE_URL's host and path as a slug, such as
    `column.example.org` (readable in `redis-cli keys`); `postbag` when SITE_URL is unset."""
    parts = urlsplit(site_url.strip())
    return re.sub(r"[^a-z0-9.]+", "-", (parts.netloc + parts.path).lower()).strip("-") or "postbag"


def email_settings_from_url(url):
    """EMAIL_URL such as smtp://user:password@host:587 (or smtps://, console://)."""
    parts = urlsplit(url)
    backends = {
        "smtp": "django.core.mail.backends.smtp.EmailBackend",
        "smtps": "django.core.mail.backends.smtp.EmailBackend",
        "submission": "django.core.mail.backends.smtp.EmailBackend",
        "console": "django.core.mail.backends.console.EmailBackend",
        "locmem": "django.core.mail.backends.locmem.EmailBackend",
        "dummy": "django.core.mail.backends.dummy.EmailBackend",
    }
    if parts.scheme not in backends:
        raise ImproperlyConfigured(f"EMAIL_URL scheme {parts.scheme!r} is not one of {backends}.")
    return {
        "EMAIL_BACKEND": backends[parts.scheme],
        "EMAIL_HOST": parts.hostname or "localhost",
        "EMAIL_PORT": parts.port or {"smtps": 465, "submission": 587}.get(parts.scheme, 25),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_SSL": parts.scheme == "smtps",
        "EMAIL_USE_TLS": parts.scheme == "submission",
    }
