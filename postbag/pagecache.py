"""Whole public pages from the cache, fresh the moment anything changes.

Views declare themselves cacheable with `@public_page` (or `@public_page("page")`, naming
the query parameters they read). Anonymous GETs of those views are stored whole in the
cache (Redis in production) and served from it without touching the database: the
middleware runs before sessions and authentication, and a hit costs one cache read.

Freshness is correct first: every cached page carries the content version it was made at
(postbag.versioning), and is served only if that version is still the current one (both
read in one round trip), so any change to content makes every cached page stale at once.

Never cached: anything but GET, anything but a 200, requests carrying a session cookie
(staff, previews), responses that set cookies or say `no-store`/`private`, and every view
not marked `@public_page` (the ask form, status, search, admin, health).

A page is keyed by its path and the query parameters its view reads, with the page number
in its plain form (`?page=01` is `?page=1`, which is no parameter at all). Any other
parameter (`utm_source`, `fbclid`, a cache-buster) is removed from the request before the
view sees it, so the page made for `/letters/?utm_source=x` is exactly `/letters/` and
every such address shares one entry. The host is not in the key, only the site's address
its links name (postbag.links: SITE_URL, or with debug on and no SITE_URL the request's
own), and the host is validated (ALLOWED_HOSTS) before anything is served. A hit
carries every header the response had on its way out of the inner middleware (content
type, X-Frame-Options, Vary, Content-Length, ...); the middleware outside the cache
(security headers, CSP, Permissions-Policy, ETag) runs on hits and misses alike.

While the cache can't be read (postbag.cache: Redis down or hung) there is no content
version, and pages are rendered without the cache: none is served or stored.
"""

import functools
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, QueryDict
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control

from postbag.links import site_origin
from postbag.versioning import VERSION_KEY, content_version

# The attribute `public_page` sets on a view: the query parameters the page is made from.
PAGE_PARAMETERS = "public_page_parameters"


def public_page(*parameters):
    """Mark a view as a public page the page cache may keep.

    `parameters` names the query parameters the view reads (all page numbers: `"page"`
    for a paginated list, `"p"` for Django's sitemap sections); the cache ignores, and
    removes, every other. Use as `@public_page` or `@public_page("page")`, or wrap a view
    object (a Feed, Django's sitemap view) in the URLconf: `public_page()(view)`.
    """
    if len(parameters) == 1 and callable(parameters[0]):
        return public_page()(parameters[0])

    def mark(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            return view(request, *args, **kwargs)

        setattr(wrapped, PAGE_PARAMETERS, tuple(parameters))
        return wrapped

    return mark


def page_parameters(request):
    """The query parameters of the public page this request is for (a tuple, perhaps
    empty), or None when it is not for a page the cache may serve or keep."""
    if settings.PAGE_CACHE_SECONDS <= 0 or request.method != "GET":
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return None
    try:
        view = resolve(request.path_info).func
    except Resolver404:
        return None
    return getattr(view, PAGE_PARAMETERS, None)


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
    """The cache key of the page at `request`'s path and query (made canonical first), on
    the site address its links name."""
    address = f"{site_origin()}{request.path_info}?{request.META.get('QUERY_STRING', '')}"
    return "pagecache:page:" + hashlib.sha256(address.encode()).hexdigest()


class PublicPageCacheMiddleware:
    """Serves and stores whole public pages (see the module's docstring).

    Sits after the security middleware and before sessions: a hit is answered before the
    database is touched, and the middleware outside it adds its headers to hits too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        parameters = page_parameters(request)
        if parameters is None:
            response = self.get_response(request)
            if settings.SESSION_COOKIE_NAME in request.COOKIES:
                # Someone signed in: a shared cache (CDN, nginx) must not keep their copy.
                patch_cache_control(response, private=True)
            return response

        # What CommonMiddleware would do for a miss: a host not in ALLOWED_HOSTS is a 400
        # (DisallowedHost), not someone else's copy of our page.
        request.get_host()
        query = canonical_query(request, parameters)
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
