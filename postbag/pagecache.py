"""Whole public pages from the cache, fresh the moment anything changes.

Anonymous GETs of the public pages (home, lists, details, themes, feeds, sitemap) are
stored whole in the cache (Redis in production) and served from it without touching the
database: the middleware runs before sessions and authentication, and a hit costs one or
two cache reads.

Freshness is correct first: every cached page carries the *content version* it was made
at, a number that every save or delete of a letter, reply, article, series or theme bumps
(signals wired in PostbagConfig.ready). A page is served only if its version is the
current one (both read in one round trip), so a bump makes every cached page stale at
once. Scheduled posts change the site without any write, so the version also records
when the next scheduled item goes public, and bumps itself once that time has passed.

Never cached: anything but GET/HEAD, anything but a 200, requests carrying a session
cookie (staff, previews), responses that set cookies or say `no-store`/`private`, and every
page not on the list (the ask form, status, search, admin, health).
"""

import hashlib
import time

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models import Min
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import patch_cache_control

VERSION_KEY = "pagecache:version"
CACHEABLE_VIEWS = {
    "home",
    "advice:letter_list",
    "advice:letter_detail",
    "advice:theme_list",
    "advice:theme_detail",
    "articles:article_list",
    "articles:article_detail",
    "feeds_latest",
    "feeds_theme",
    "sitemap",
    "sitemap_section",
    "robots_txt",
}
DATA_SECONDS = 3600
KEPT_HEADERS = ("Content-Type", "Content-Language", "X-Robots-Tag", "Link")


def next_scheduled_publication():
    """When the next scheduled letter or article goes public (a Unix time), or None."""
    times = []
    for label in ("advice.Letter", "articles.Article"):
        model = apps.get_model(label)
        upcoming = model.objects.filter(status="published", published_at__gt=timezone.now())
        soonest = upcoming.aggregate(soonest=Min("published_at"))["soonest"]
        if soonest is not None:
            times.append(soonest.timestamp())
    return min(times, default=None)


def bump_content_version():
    """Make every cached page stale."""
    cache.set(VERSION_KEY, (time.time_ns(), next_scheduled_publication()), timeout=None)


# Saving only these changes nothing a reader can see (erasing a reader's e-mail address).
PRIVATE_FIELDS = {"email", "updated_at", "received_at"}


def content_saved(sender, instance, created=False, update_fields=None, **kwargs):
    """Signal receiver for saves and deletes of content: bump unless no page can show it.

    A letter arriving from the ask form (new, unpublished) changes no public page, so a
    busy postbag doesn't empty the page cache. Anything else bumps: when in doubt, fresh.
    """
    if update_fields and set(update_fields) <= PRIVATE_FIELDS:
        return
    if created and getattr(instance, "status", "published") != "published":
        return
    bump_content_version()


def themes_changed(sender, instance, **kwargs):
    """m2m_changed receiver: the themes of a published item show on many pages."""
    if getattr(instance, "status", "published") == "published":
        bump_content_version()


def connect_signals():
    from django.db.models.signals import m2m_changed, post_delete, post_save

    for label in ("advice.Theme", "advice.Letter", "advice.Reply", "articles.Article",
                  "articles.Series"):  # fmt: skip
        model = apps.get_model(label)
        post_save.connect(content_saved, sender=model, dispatch_uid=f"pagecache-save-{label}")
        post_delete.connect(content_saved, sender=model, dispatch_uid=f"pagecache-del-{label}")
    for label in ("advice.Letter", "articles.Article"):
        through = apps.get_model(label).themes.through
        m2m_changed.connect(themes_changed, sender=through, dispatch_uid=f"pagecache-m2m-{label}")


def content_version(stored=None):
    """The current version; once a scheduled item's time has come, a new one.

    `stored` is the version key's value when the caller has read it already.
    """
    stored = stored or cache.get(VERSION_KEY)
    if stored is None:
        bump_content_version()
        stored = cache.get(VERSION_KEY) or (0, None)
    version, next_publication = stored
    if next_publication is not None and time.time() >= next_publication:
        bump_content_version()
        version, _ = cache.get(VERSION_KEY) or (version + 1, None)
    return version


def remember(name, compute):
    """`compute()`, kept in the cache until the content changes (counts, theme lists).

    Keyed by the content version like the pages, so it is never stale; used even when
    whole pages are not cached, because these answers cost whole scans at scale.
    """
    key = f"pagecache:data:{content_version()}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, DATA_SECONDS)
    return value


def is_cacheable_request(request):
    if settings.PAGE_CACHE_SECONDS <= 0 or request.method != "GET":
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    try:
        return resolve(request.path_info).view_name in CACHEABLE_VIEWS
    except Resolver404:
        return False


def is_cacheable_response(response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.cookies
        and not response.streaming
        and "no-store" not in cache_control
        and "private" not in cache_control
        and "no-cache" not in cache_control
    )


def page_key(request):
    address = f"{request.path_info}?{request.META.get('QUERY_STRING', '')}"
    return "pagecache:page:" + hashlib.sha256(address.encode()).hexdigest()


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable_request(request):
            response = self.get_response(request)
            if settings.SESSION_COOKIE_NAME in request.COOKIES:
                # Someone signed in: a shared cache (CDN, nginx) must not keep their copy.
                patch_cache_control(response, private=True)
            return response

        # One round trip for both: the page is stored with the version it was made at.
        key = page_key(request)
        found = cache.get_many([VERSION_KEY, key])
        version = content_version(found.get(VERSION_KEY))
        stored = found.get(key)
        if stored is not None and stored[0] == version:
            _, status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers.items():
                response[name] = value
            response["X-Page-Cache"] = "hit"
        else:
            response = self.get_response(request)
            if not is_cacheable_response(response):
                return response
            headers = {name: response[name] for name in KEPT_HEADERS if name in response}
            cache.set(
                key,
                (version, response.status_code, headers, response.content),
                settings.PAGE_CACHE_SECONDS,
            )
            response["X-Page-Cache"] = "miss"
        # A CDN or browser may keep the page a little while, then revalidate it cheaply
        # (ConditionalGetMiddleware answers If-None-Match with a 304).
        patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_PUBLIC_SECONDS)
        return response
