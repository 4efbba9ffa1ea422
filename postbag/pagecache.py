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

Never cached: anything but GET, anything but a 200, requests carrying a session cookie
(staff, previews), responses that set cookies or say `no-store`/`private`, and every page
not on the list (the ask form, status, search, admin, health).

A page is keyed by its path and the query parameters its view reads (CACHEABLE_VIEWS:
`page` on paginated lists, `p` on a sitemap section, none elsewhere), with the page number
in its plain form (`?page=01` is `?page=1`, which is no parameter at all). Any other
parameter (`utm_source`, `fbclid`, a cache-buster) is removed from the request before the
view sees it, so the page made for `/letters/?utm_source=x` is exactly `/letters/` and
every such address shares one entry. The host is not in the key: pages name only
SITE_URL, and the host is validated (ALLOWED_HOSTS) before anything is served. A hit
carries every header the response had on its way out of the inner middleware (content
type, X-Frame-Options, Vary, Content-Length, ...); the middleware outside the cache
(security headers, CSP, Permissions-Policy, ETag) runs on hits and misses alike.

While the cache can't be read (postbag.cache: Redis down or hung), pages are rendered
without it: no version is read or made (making one costs two aggregate queries), no page
is stored, and remembered answers are computed directly. Writes made during the outage
couldn't bump the version, so once the cache answers again the version is bumped once
(content_version), and no page from before the outage is served.
"""

import hashlib
import time

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models import Min
from django.http import HttpResponse, QueryDict
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import patch_cache_control

from postbag.cache import is_unavailable, recoveries

VERSION_KEY = "pagecache:version"
# Each cached view and the query parameters it reads: all of them page numbers (the
# paginator's `?page=`, Django's sitemap view's `?p=`). The page cache drops the rest.
CACHEABLE_VIEWS = {
    "home": (),
    "advice:letter_list": ("page",),
    "advice:letter_detail": (),
    "advice:theme_list": (),
    "advice:theme_detail": ("page",),
    "articles:article_list": ("page",),
    "articles:article_detail": (),
    "feeds_latest": (),
    "feeds_theme": (),
    "sitemap": (),
    "sitemap_section": ("p",),
    "robots_txt": (),
}
DATA_SECONDS = 3600


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


_recoveries_seen = 0


def content_version(stored=None):
    """The current version (an int); once a scheduled item's time has come, a new one.

    `stored` is the version key's value when the caller has read it already. None while
    the cache can't be read (postbag.cache.is_unavailable): a missing key then means no
    answer, so nothing is made (two aggregate queries) or bumped, and callers go without
    the cache. The first call after the cache answers again bumps the version: content
    written during the outage couldn't.
    """
    global _recoveries_seen
    if recoveries(cache) != _recoveries_seen:
        _recoveries_seen = recoveries(cache)
        bump_content_version()
        stored = None
    if stored is None:
        stored = cache.get(VERSION_KEY)
    if stored is None:
        if is_unavailable(cache):
            return None
        bump_content_version()
        stored = cache.get(VERSION_KEY)
        if stored is None:  # lost in the moment the cache went away
            return None
    version, next_publication = stored
    if next_publication is not None and time.time() >= next_publication:
        bump_content_version()
        version, _ = cache.get(VERSION_KEY) or (version + 1, None)
    return version


def remember(name, compute):
    """`compute()`, kept in the cache until the content changes (counts, theme lists).

    Keyed by the content version like the pages, so it is never stale; used even when
    whole pages are not cached, because these answers cost whole scans at scale. Computed
    each time while the cache can't be read.
    """
    version = content_version()
    if version is None:
        return compute()
    key = f"pagecache:data:{version}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, DATA_SECONDS)
    return value


def cacheable_view(request):
    """The name of the cacheable view this request is for, or None if it isn't one."""
    if settings.PAGE_CACHE_SECONDS <= 0 or request.method != "GET":
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return None
    try:
        view_name = resolve(request.path_info).view_name
    except Resolver404:
        return None
    return view_name if view_name in CACHEABLE_VIEWS else None


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


def plain_page_number(value):
    """`value` as the page number the paginator reads it as ("01", "+1", " 1" → "1").

    Paginator.validate_number takes int(value); anything int() refuses stays as it is
    (the view answers 404 for it, and a 404 isn't cached).
    """
    try:
        return str(int(value))
    except ValueError:
        return value


def canonical_query(request, parameters):
    """The query string the page is made from: only `parameters` (names of page numbers),
    each in its plain form, page 1 left out (it is the default), in a fixed order."""
    query = QueryDict(mutable=True)
    for name in parameters:
        if name in request.GET:
            value = plain_page_number(request.GET[name])  # the last value, as the view reads
            if value != "1":
                query[name] = value
    return query.urlencode()


def page_key(request):
    """The cache key of the page at `request`'s path and query (made canonical first)."""
    address = f"{request.path_info}?{request.META.get('QUERY_STRING', '')}"
    return "pagecache:page:" + hashlib.sha256(address.encode()).hexdigest()


class PublicPageCacheMiddleware:
    """Serves and stores whole public pages (see the module's docstring).

    Sits after the security middleware and before sessions: a hit is answered before the
    database is touched, and the middleware outside it adds its headers to hits too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        view_name = cacheable_view(request)
        if view_name is None:
            response = self.get_response(request)
            if settings.SESSION_COOKIE_NAME in request.COOKIES:
                # Someone signed in: a shared cache (CDN, nginx) must not keep their copy.
                patch_cache_control(response, private=True)
            return response

        # What CommonMiddleware would do for a miss: a host not in ALLOWED_HOSTS is a 400
        # (DisallowedHost), not someone else's copy of our page.
        request.get_host()
        query = canonical_query(request, CACHEABLE_VIEWS[view_name])
        if query != request.META.get("QUERY_STRING", ""):
            request.META["QUERY_STRING"] = query
            request.GET = QueryDict(query)

        # One round trip for both: the page is stored with the version it was made at.
        key = page_key(request)
        found = cache.get_many([VERSION_KEY, key])
        version = content_version(found.get(VERSION_KEY))
        stored = found.get(key)
        if version is None:  # the cache can't be read: neither serve nor store
            response = self.get_response(request)
            if not is_cacheable_response(response):
                return response
        elif stored is not None and stored[0] == version:
            _, status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers.items():
                response[name] = value
            response["X-Page-Cache"] = "hit"
        else:
            response = self.get_response(request)
            if not is_cacheable_response(response):
                return response
            # Every header so far: those of the view and of the middleware inside this one.
            headers = dict(response.items())
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
