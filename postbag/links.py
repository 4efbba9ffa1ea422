"""Addresses on the public site, for links that leave it (feeds, sitemaps, e-mail, metadata).

In production every absolute link names SITE_URL, whatever host a request came in on. On a
development machine (debug on, no SITE_URL) there is no one right address: the site is
wherever `make run` serves it (`PORT=8777`, `localhost` or `127.0.0.1`), so links name the
origin of the request being served, which RequestOriginMiddleware (postbag.middleware)
records here for the request's duration. Outside a request, links name
DEVELOPMENT_SITE_URL (127.0.0.1 at PORT); work done after the response for a request (the
readers' e-mail) keeps the request's origin with `serving()`.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.utils.encoding import iri_to_uri

# "scheme://host[:port]" of the request being served, when SITE_URL is unset; else None.
# A context variable, so that each thread (and each ASGI task) has its own.
_request_origin = ContextVar("postbag_request_origin", default=None)


def site_origin():
    """The public site's address without a trailing slash, e.g. "https://column.example.org".

    SITE_URL when it is set (always, with debug off: settings refuse to start without it);
    otherwise the origin of the request being served, or DEVELOPMENT_SITE_URL outside one.
    """
    return settings.SITE_URL or _request_origin.get() or settings.DEVELOPMENT_SITE_URL


def absolute_url(path):
    """`path` (e.g. "/letters/a-slug/") on the public site: site_origin() + path, as a URI.

    A path with a slug in another script ("/themes/дружба/", as `request.path` has it) is
    percent-encoded ("/themes/%D0%B4…/"), as feeds, sitemaps and HTTP headers need; a path
    from `reverse()` is encoded already and stays as it is.
    """
    return site_origin() + iri_to_uri(path)


def request_origin(request):
    """`request`'s "scheme://host[:port]"; DisallowedHost for a host not in ALLOWED_HOSTS."""
    return f"{request.scheme}://{request.get_host()}"


@contextmanager
def serving(origin):
    """Make links on `origin` ("scheme://host[:port]", or None for the default) inside the
    block, unless SITE_URL is set, which always wins."""
    token = _request_origin.set(origin)
    try:
        yield
    finally:
        _request_origin.reset(token)
