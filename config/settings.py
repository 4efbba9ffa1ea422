"""Postbag's one settings module.

Everything that differs between a laptop and production comes from the environment; the
README's configuration table lists every variable read here. Debug is off unless
DJANGO_DEBUG says otherwise, so a forgotten variable fails safe.
"""

import ipaddress
import os
import re
from email.utils import formataddr, parseaddr
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import phonenumbers
from django.core.exceptions import ImproperlyConfigured

from config.environment import (
    email_settings_from_url,
    env_bool,
    env_int,
    env_list,
    env_range,
    env_rate,
    site_key_prefix,
)

BASE_DIR = Path(__file__).resolve().parent.parent


# --- Core -----------------------------------------------------------------------------

DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random string in production, "
            "or set DJANGO_DEBUG=1 on a development machine to use a development key."
        )
    SECRET_KEY = "django-insecure-development-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)

INSTALLED_APPS = [
    "postbag.apps.PostbagAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "markdownx",
    "reversion",
    "postbag",
    "advice",
    "articles",
    "wpimport",
    "newsletter",
    "pages",
    "comments",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "postbag.middleware.PermissionsPolicyMiddleware",
    # Before anything reads request.POST: a form in another charset is read, not a 500.
    "postbag.middleware.FormCharsetMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    # Before the page cache: with debug on and no SITE_URL, links name the request's address.
    "postbag.middleware.RequestOriginMiddleware",
    # Before the page cache: one address per page, whatever Unicode form it was typed in.
    "postbag.middleware.CanonicalPathMiddleware",
    # Before the page cache, which would answer "/?p=123" (an imported post's old
    # WordPress address) with the cached home page.
    "wpimport.middleware.OldAddressMiddleware",
    # Before the page cache too: a renamed or merged page's old address (postbag.redirects).
    "postbag.redirects.MovedAddressMiddleware",
    # Before sessions and authentication: a cached page is served without the database.
    "postbag.pagecache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "postbag.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", "").strip() or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Each transaction takes SQLite's one write lock when it begins, so two requests can't
    # both read "not there yet" and then both write (postbag.locks relies on this), and a
    # writer waits up to 20 s for the lock instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(transaction_mode="IMMEDIATE", timeout=20)
    # SQLite builds the listing indexes without their INCLUDE (id), PostgreSQL's covering
    # column; Django's warning of it (W040) can't be acted on here, so it is silenced here only.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that doesn't answer should cost a request seconds, not minutes.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = 3
    if env_bool("DATABASE_POOL"):
        # psycopg's pool: each process keeps connections open and hands them to threads.
        DATABASES["default"]["OPTIONS"]["pool"] = {
            "min_size": env_int("DATABASE_POOL_MIN_SIZE", 2),
            "max_size": env_int("DATABASE_POOL_MAX_SIZE", 8),
            "timeout": 5,
        }
    else:
        # Reuse connections across requests, but check them first so that a restarted
        # database server costs one failed check, not a failed request.
        DATABASES["default"]["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 60)
        DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------


REDIS_URL = os.environ.get("REDIS_URL", "").strip()
# Sites sharing one Redis database keep apart by their keys' prefix (pages, the content
# version, rate limits).
CACHE_KEY_PREFIX = os.environ.get("CACHE_KEY_PREFIX", "").strip() or site_key_prefix(
    os.environ.get("SITE_URL", "")
)
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's Redis back end, degrading to "no cache" while Redis is unreachable,
            # and skipping it for REDIS_RETRY_SECONDS after it failed to answer.
            "BACKEND": "postbag.cache.DegradingRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "OPTIONS": {
                "socket_connect_timeout": 0.5,
                "socket_timeout": 0.5,
                "retry_seconds": env_int("REDIS_RETRY_SECONDS", 10),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Auth, i18n -----------------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

# --- Static files and uploads ---------------------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", "").strip() or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", "").strip() or BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed names need `collectstatic`; development and tests serve files as they are.
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# --- Markdown editor ------------------------------------------------------------------

MARKDOWNX_MARKDOWNIFY_FUNCTION = "postbag.markdown.render_preview"
# Uploads: postbag/editor.py goes by the format Pillow detects (JPEG, PNG, GIF, WebP), never
# by the client's name or type; these content types bind only markdownx's own (unused) form.
MARKDOWNX_UPLOAD_CONTENT_TYPES = ["image/jpeg", "image/png", "image/gif", "image/webp"]
MARKDOWNX_UPLOAD_MAX_SIZE = 5 * 1024 * 1024
MARKDOWNX_IMAGE_MAX_SIZE = {"size": (1600, 1600), "quality": 85}
MARKDOWNX_MEDIA_PATH = "uploads/"
# The longest text (characters) the editor's live preview renders as she types.
MARKDOWN_PREVIEW_MAX_CHARS = 100_000
# The widths (px) each uploaded image is also stored at, for srcset (postbag/images.py).
IMAGE_WIDTHS = (480, 800, 1200)
# The column's target length for a letter and its reply together, in words: shown to the
# editor beside the word counts as guidance, never enforced. "300-900" by default.
COLUMN_TARGET_WORDS = env_range("COLUMN_TARGET_WORDS", (300, 900))
# Seconds between the drafts an open letter or article form keeps (postbag.revision_admin).
AUTOSAVE_SECONDS = env_int("AUTOSAVE_SECONDS", 30, low=5, high=3600)
# Recordings of letters and articles (postbag/recordings.py), in MiB; nginx must allow as much
# on the admin's letter and article forms (deploy/nginx/postbag.conf).
RECORDING_MAX_MB = env_int("RECORDING_MAX_MB", 100)

# --- E-mail ---------------------------------------------------------------------------


if os.environ.get("EMAIL_URL", "").strip():
    globals().update(email_settings_from_url(os.environ["EMAIL_URL"].strip()))
else:
    EMAIL_BACKEND = os.environ.get(
        "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
    )
    EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
    EMAIL_PORT = env_int("EMAIL_PORT", 25)
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
# Seconds each SMTP step may wait; Django's default (None) lets a mail server that never
# answers hold a worker forever. Applies to EMAIL_URL too.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
if EMAIL_TIMEOUT < 1:
    raise ImproperlyConfigured(f"EMAIL_TIMEOUT must be at least 1 second, not {EMAIL_TIMEOUT}.")

# --- The site -------------------------------------------------------------------------

SITE_NAME = os.environ.get("SITE_NAME", "Postbag")
# The address every absolute link names (canonical links, feeds, sitemaps, e-mail); required
# with debug off. With debug on and none set, links name each request's own address
# (postbag.links), and outside a request the development server at 127.0.0.1:PORT.
SITE_URL = os.environ.get("SITE_URL", "").strip().rstrip("/")
if SITE_URL:
    _site = urlsplit(SITE_URL)
    if _site.scheme not in {"http", "https"} or not _site.hostname or _site.query or _site.fragment:
        raise ImproperlyConfigured(
            "SITE_URL must be the site's public address, such as https://column.example.org, "
            f"not {os.environ['SITE_URL']!r}."
        )
elif not DEBUG:
    raise ImproperlyConfigured(
        "SITE_URL is not set. Set it to the site's public address, such as "
        "https://column.example.org: feeds, sitemaps, canonical links and the readers' e-mail "
        "name it. (With DJANGO_DEBUG=1, links follow the address the site is served on.)"
    )
DEVELOPMENT_SITE_URL = f"http://127.0.0.1:{env_int('PORT', 8000)}" if DEBUG else ""
COLUMN_NAME = os.environ.get("COLUMN_NAME", "Ask Elizabeth")
# The site's e-mail comes from the column: its name is the sender's unless one is given.
_from_name, _from = parseaddr(os.environ.get("DEFAULT_FROM_EMAIL", "letters@localhost"))
DEFAULT_FROM_EMAIL = formataddr((_from_name or COLUMN_NAME, _from))
COLUMNIST_NAME = os.environ.get("COLUMNIST_NAME", "Elizabeth")
COLUMNIST_SIGN_OFF = os.environ.get("COLUMNIST_SIGN_OFF", f"Big love, {COLUMNIST_NAME}")
# The podcast feed (pages/podcast.py): its owner's address for podcast directories (by
# default the site's From address), whether its episodes are marked explicit, and the
# show's artwork (a square 1400-3000 px JPEG or PNG; by default one drawn from COLUMN_NAME).
PODCAST_OWNER_EMAIL = os.environ.get("PODCAST_OWNER_EMAIL", "").strip()
PODCAST_EXPLICIT = env_bool("PODCAST_EXPLICIT")
PODCAST_IMAGE_URL = os.environ.get("PODCAST_IMAGE_URL", "").strip()
PAGE_SIZE = env_int("PAGE_SIZE", 12)
# Whole public pages kept in the cache (0 turns the page cache off), and how long a CDN
# or browser may keep one before asking again.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
PAGE_CACHE_PUBLIC_SECONDS = env_int("PAGE_CACHE_PUBLIC_SECONDS", 60)

# --- Asking a question ----------------------------------------------------------------

# A form sent sooner than this after it was shown was filled in by a program.
ASK_MIN_SECONDS = env_int("ASK_MIN_SECONDS", 3)
# Letters one client may send, and receipt-code look-ups it may get wrong, per period.
ASK_RATE_LIMIT = env_rate("ASK_RATE_LIMIT", "5/h")
ASK_STATUS_RATE_LIMIT = env_rate("ASK_STATUS_RATE_LIMIT", "20/h")
ASK_LIKE_RATE_LIMIT = env_rate("ASK_LIKE_RATE_LIMIT", "300/h")  # "letters like yours" look-ups
ASK_BURST_LETTERS = env_int("ASK_BURST_LETTERS", 3, low=2)  # from 1 connection in 10 min
# Days a declined letter's private note to its writer is kept (advice.updates).
PRIVATE_NOTE_DAYS = env_int("PRIVATE_NOTE_DAYS", 60, low=1, high=3650)
# Where to find help now (Markdown; ASK_CRISIS_NOTICE is its former name): on the ask form
# and on pieces whose themes ask for it. Its phone numbers become tappable (postbag.phones),
# read as numbers of CRISIS_PHONE_REGION (ISO 3166 code) unless written with a country code.
CRISIS_NOTICE = (
    os.environ.get("CRISIS_NOTICE") or os.environ.get("ASK_CRISIS_NOTICE", "")
).strip() or (
    "**If you are in danger or thinking of harming yourself, please don't wait for a reply.** "
    "Call your local emergency number (999 or 112 in the UK, 911 in North America) or a "
    "helpline such as Samaritans (116 123 in the UK and Ireland, free, day or night). "
    "This column can't answer quickly and can't help in an emergency; they can."
)
CRISIS_PHONE_REGION = os.environ.get("CRISIS_PHONE_REGION", "").strip().upper() or "GB"
if CRISIS_PHONE_REGION not in phonenumbers.SUPPORTED_REGIONS:
    raise ImproperlyConfigured(
        f"CRISIS_PHONE_REGION must be a country code such as GB or IE, not {CRISIS_PHONE_REGION!r}."
    )

# --- Readers' comments and the newsletter ---------------------------------------------

# "moderated" (every comment waits for an editor) or "off" (no comments anywhere).
COMMENTS = os.environ.get("COMMENTS", "moderated").strip().lower() or "moderated"
if COMMENTS not in ("moderated", "off"):
    raise ImproperlyConfigured(f"COMMENTS must be moderated or off, not {COMMENTS!r}.")
# Days after publication that a piece takes comments (0: no limit; at most 100 years).
COMMENTS_OPEN_DAYS = env_int("COMMENTS_OPEN_DAYS", 30, low=0, high=36500)
# Comments one client may send per period (duplicates count; refused ones don't).
COMMENT_RATE_LIMIT = env_rate("COMMENT_RATE_LIMIT", "5/h")
# Newsletter sign-ups one client may make per period (each may send one confirmation).
NEWSLETTER_RATE_LIMIT = env_rate("NEWSLETTER_RATE_LIMIT", "5/h")

# --- Security -------------------------------------------------------------------------

# The admin's address: something other than /admin/ keeps most drive-by guessing away.
ADMIN_URL = os.environ.get("ADMIN_URL", "admin").strip().strip("/") + "/"
# Failed editor log-ins per period before the login form refuses: for one user name from
# one client, and for one client whatever the names it tries.
ADMIN_LOGIN_RATE_LIMIT = env_rate("ADMIN_LOGIN_RATE_LIMIT", "10/h")
ADMIN_LOGIN_CLIENT_RATE_LIMIT = env_rate("ADMIN_LOGIN_CLIENT_RATE_LIMIT", "30/h")

# The reverse proxies in front of the app (addresses or networks, e.g. 127.0.0.1 for the
# repository's nginx on the same machine). Only a request arriving from one of them has
# its X-Forwarded-For believed (postbag.clients); with none, the header is ignored.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"TRUSTED_PROXIES: {_proxy!r} is not an address or a network (e.g. 10.0.0.0/8)."
        ) from None

SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
# Load balancers probe over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# Behind a proxy that terminates TLS: the header it sets on HTTPS requests, for example
# DJANGO_SECURE_PROXY_SSL_HEADER=X-Forwarded-Proto (only if the proxy always sets it).
if os.environ.get("DJANGO_SECURE_PROXY_SSL_HEADER", "").strip():
    SECURE_PROXY_SSL_HEADER = (
        "HTTP_" + os.environ["DJANGO_SECURE_PROXY_SSL_HEADER"].strip().upper().replace("-", "_"),
        "https",
    )
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD")
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Other hosts whose images pages may show, over HTTPS: host names, "*.example.org" for its
# subdomains. None by default, so that reading a page asks no other host for anything;
# import_wordpress lists the images an import points elsewhere.
IMAGE_HOSTS = env_list("IMAGE_HOSTS")
for _host in IMAGE_HOSTS:
    if not re.fullmatch(r"(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+(:[0-9]+)?", _host, re.IGNORECASE):
        raise ImproperlyConfigured(
            "IMAGE_HOSTS lists host names separated by commas, such as "
            f"images.example.org or *.cdn.example.org, not {_host!r}."
        )
# No inline script or style anywhere: pages use files from this site only, and images from
# this site and IMAGE_HOSTS.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", *(f"https://{host}" for host in IMAGE_HOSTS)],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
# A stale form on /ask/ gives the reader their letter back instead of a bare 403.
CSRF_FAILURE_VIEW = "postbag.errors.csrf_failure"

# --- Logging --------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"}},
    # No reader's address in any log line, whoever wrote it (postbag.log_privacy).
    "filters": {"no_addresses": {"()": "postbag.log_privacy.RedactAddresses"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["no_addresses"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's request logger prints the request line, never the client address.
        "django.server": {"level": "INFO"},
    },
}
