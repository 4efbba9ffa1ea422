"""Old WordPress addresses answer with a permanent redirect to the piece's page."""

from django.db import DatabaseError
from django.http import HttpResponsePermanentRedirect
from django.urls import Resolver404, resolve, reverse
from django.utils.cache import patch_cache_control

from wpimport.models import OldAddress, request_addresses

# How long a browser or CDN may keep a redirect before asking again: long enough to spare
# the app, short enough that a piece that moves or goes is followed within a day.
REDIRECT_MAX_AGE = 24 * 60 * 60


class OldAddressMiddleware:
    """Answer a GET or HEAD for an address a public piece had on WordPress (wpimport.models)
    with a 301 to its page: any request that would be a 404 ("/2019/05/when-he-leaves",
    with or without its trailing slash, "/index.php?p=123"), and the home page with
    WordPress's ?p= or ?page_id= ("/?p=123"), which is otherwise the home page.

    A redirect is answered only for a piece readers may see now (`OldAddress.objects
    .public()`): a draft's or a scheduled piece's old address stays a 404 and "/?p=…" the
    home page. Postbag's own pages keep their query parameters (the sitemap's ?p= is its
    page number). Must sit before the page cache (postbag.pagecache), which would answer
    "/?p=123" with the cached home page, having dropped the parameter it doesn't know.
    Costs a query only for those requests: a 404, or the home page with ?p= or ?page_id=.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reading = request.method in ("GET", "HEAD")
        home = request.path == reverse("home")
        if reading and home:
            redirect = self.redirect(request)
            if redirect is not None:
                return redirect
        response = self.get_response(request)
        if reading and response.status_code == 404 and not home:
            # A page of Postbag's own reads its own query (the sitemap's ?p= is a page).
            return self.redirect(request, with_query=not _is_postbag_page(request)) or response
        return response

    def redirect(self, request, *, with_query=True):
        """The redirect for `request`'s old address, or None when it has none. Its path,
        and with `with_query` WordPress's ?p= or ?page_id=, may name the address."""
        query = request.GET if with_query else {}
        addresses = request_addresses(request.path_info, query)
        if not addresses:
            return None
        try:
            found = (
                OldAddress.objects.public()
                .filter(path__in=addresses)
                .select_related("letter", "article")
                .first()
            )
        except DatabaseError:
            # The answer it had anyway: a 404, or the home page (perhaps from the cache).
            return None
        if found is None:
            return None
        request.get_host()  # a host not in ALLOWED_HOSTS is a 400, as for any page
        response = HttpResponsePermanentRedirect(found.piece.get_absolute_url())
        patch_cache_control(response, public=True, max_age=REDIRECT_MAX_AGE)
        return response


def _is_postbag_page(request):
    try:
        resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return False
    return True
