"""Small middlewares of the site's own: headers every response carries, forms read safely,
the address links are made on, one address per page."""

import unicodedata

from django.conf import settings
from django.http import HttpResponsePermanentRedirect, QueryDict
from django.urls import Resolver404, resolve
from django.utils.encoding import iri_to_uri

from postbag.links import request_origin, serving

# Features no page of the site uses: browsers refuse them to the page and anything embedded.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in [
        "accelerometer", "camera", "geolocation", "gyroscope", "magnetometer",
        "microphone", "payment", "usb", "browsing-topics",
    ]
)  # fmt: skip


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"


class FormCharsetMiddleware:
    """Read a form that declares a charset other than UTF-8, instead of a 500.

    Browsers send forms as UTF-8 with no charset (the HTML standard's "application/
    x-www-form-urlencoded serializer"), and Django refuses any other declared charset with
    an exception that surfaces as a 500 wherever `request.POST` is first read (the CSRF
    check, the error reporter). Other clients send `charset=latin-1`, `utf8` or `ascii`:
    the body is decoded with the charset it declares (undecodable bytes become U+FFFD), so
    what the person typed is kept. A charset Python doesn't know was already ignored by
    Django (the body is read as UTF-8). Must run before anything reads `request.POST`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        declared = request.encoding
        if request.content_type == FORM_CONTENT_TYPE and declared:
            body = request.body  # too large: Django's own 400, as for any form
            # The query string is the URL's, and URLs are UTF-8: only the body is re-read.
            request.encoding = None
            request.POST = QueryDict(body, encoding=declared)
        return self.get_response(request)


class RequestOriginMiddleware:
    """With no SITE_URL (debug only), absolute links name the address of this request.

    `PORT=8777 make run` then links to http://127.0.0.1:8777 in canonical links, feeds,
    sitemaps and robots.txt (postbag.links). With SITE_URL set it does nothing. The host is
    checked against ALLOWED_HOSTS first (a 400 otherwise, as CommonMiddleware would give).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SITE_URL:
            return self.get_response(request)
        with serving(request_origin(request)):
            return self.get_response(request)


class CanonicalPathMiddleware:
    """Answer a page's address typed in another Unicode form with a 301 to the one form.

    The slug converter (postbag.converters) reads an address in NFKC, so "/themes/дружба/"
    typed with a decomposed letter (NFD, as macOS writes it), or "/articles/ｂｒａｃｋｅｔｓ/"
    in fullwidth letters, finds the page: without this, each form would be a page of its
    own, with its own canonical link and page-cache entry (duplicate content to search
    engines). Only addresses whose NFKC form is one of the site's pages are redirected, so
    an old WordPress address (wpimport) is left for its own middleware to find.
    Source: Unicode Standard Annex #15, Unicode Normalization Forms.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if request.method in ("GET", "HEAD") and not path.isascii():
            canonical = unicodedata.normalize("NFKC", path)
            if canonical != path and _is_page(canonical, request):
                query = request.META.get("QUERY_STRING", "")
                script_prefix = request.path[: len(request.path) - len(path)]
                location = iri_to_uri(script_prefix + canonical)
                return HttpResponsePermanentRedirect(location + (f"?{query}" if query else ""))
        return self.get_response(request)


def _is_page(path, request):
    try:
        resolve(path, getattr(request, "urlconf", None))
    except Resolver404:
        return False
    return True
