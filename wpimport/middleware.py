"""Old WordPress addresses answer with a permanent redirect to the piece's page, and
WordPress's own pages (its feeds, its category and tag pages) to Postbag's."""

import unicodedata
from urllib.parse import unquote_plus

from django.db import DatabaseError
from django.http import HttpResponsePermanentRedirect
from django.urls import Resolver404, resolve, reverse
from django.utils.cache import patch_cache_control
from django.utils.encoding import iri_to_uri

from advice.models import Theme
from wpimport.models import QUERY_FORMS, OldAddress, address_key, request_addresses

# How long a browser or CDN may keep a redirect before asking again: long enough to spare
# the app, short enough that a piece that moves or goes is followed within a day.
REDIRECT_MAX_AGE = 24 * 60 * 60
# The site feed's forms: /feed/, /feed/rss2/, /?feed=rss2 ("" is WordPress's default).
FEED_TYPES = ("", "rss", "rss2", "atom", "rdf")
# WordPress's category and tag pages: /category/<parent>/<slug>/, /tag/<slug>/feed/.
TERM_BASES = ("category", "tag")
# WordPress's own query parameters (naming a post, a preview, a comment page), which mean
# nothing on Postbag and are not carried to the new address; any other one is.
WORDPRESS_PARAMETERS = {*QUERY_FORMS, "feed", "preview", "preview_id", "preview_nonce", "paged",
                        "cpage", "replytocom", "amp"}  # fmt: skip


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

    An address is found in any letter case ("/2019/05/Brackets/"), as WordPress answered it.
    WordPress's own pages redirect too (`wordpress_page`): its feed (/feed/, and ?feed= on
    the home page) to the latest feed, a category's or tag's page or feed to its theme's.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reading = request.method in ("GET", "HEAD")
        home = request.path == reverse("home")
        # As the reader sent it: the page cache narrows it on the way in.
        query = request.META.get("QUERY_STRING", "")
        if reading and home:
            redirect = self.redirect(request) or _site_feed(request.GET.get("feed"))
            if redirect is not None:
                return _keep_query(redirect, query)
        response = self.get_response(request)
        if reading and response.status_code == 404 and not home:
            # A page of Postbag's own reads its own query (the sitemap's ?p= is a page).
            with_query = not _is_postbag_page(request)
            redirect = self.redirect(request, with_query=with_query) or wordpress_page(
                request.path_info
            )
            return response if redirect is None else _keep_query(redirect, query)
        return response

    def redirect(self, request, *, with_query=True):
        """The redirect for `request`'s old address, or None when it has none. Its path,
        and with `with_query` WordPress's ?p= or ?page_id=, may name the address."""
        query = request.GET if with_query else {}
        addresses = request_addresses(request.path_info, query)
        if not addresses:
            return None
        try:
            # By the casefolded key, as WordPress answered "/2019/05/Brackets/" too; an
            # address as it was recorded, letter case and all, comes first.
            found = list(
                OldAddress.objects.public()
                .filter(path_key__in={address_key(address) for address in addresses})
                .select_related("letter", "article")[:10]
            )
        except DatabaseError:
            # The answer it had anyway: a 404, or the home page (perhaps from the cache).
            return None
        if not found:
            return None
        exact = [address for address in found if address.path in addresses]
        request.get_host()  # a host not in ALLOWED_HOSTS is a 400, as for any page
        return _redirect((exact or found)[0].piece.get_absolute_url())


def wordpress_page(path):
    """A redirect from one of WordPress's own pages at `path` (Django's path_info) to
    Postbag's: the site feed (/feed/, /feed/atom/) to the latest feed, a category's or
    tag's page or feed (/category/<slug>/, /tag/<slug>/feed/) to the theme with that slug
    and its feed. None for any other path, or a theme that doesn't exist."""
    parts = [part for part in unicodedata.normalize("NFC", path).split("/") if part]
    feed = False
    if len(parts) >= 2 and parts[-2] == "feed" and parts[-1] in FEED_TYPES:
        parts, feed = parts[:-2], True
    elif parts and parts[-1] == "feed":
        parts, feed = parts[:-1], True
    if not parts:
        return _site_feed("") if feed else None
    if len(parts) < 2 or parts[0] not in TERM_BASES:
        return None
    slug = parts[-1]  # a child category's own slug: /category/<parent>/<slug>/
    try:
        theme = Theme.objects.filter(slug__in={slug, slug.lower()}).only("slug").first()
    except DatabaseError:
        return None
    if theme is None:
        return None
    name = "feeds_theme" if feed else "theme_detail"
    return _redirect(reverse(name, kwargs={"slug": theme.slug}))


def _site_feed(feed_type):
    """The redirect to the latest feed for WordPress's ?feed=<type>; None for no type, or
    another feed (?feed=comments-rss2)."""
    if feed_type is None or feed_type.strip().lower() not in FEED_TYPES:
        return None
    return _redirect(reverse("feeds_latest"))


def _keep_query(redirect, query):
    """`redirect` with the reader's `query` (a raw query string) along, less WordPress's
    own parameters that named the old address (?p=, ?page_id=, ?feed=): "?utm_source=…"
    reaches the page, as "?page=2" does."""
    kept = [pair for pair in query.split("&") if pair and unquote_plus(pair.split("=")[0])
            not in WORDPRESS_PARAMETERS]  # fmt: skip
    if kept:
        redirect["Location"] += "?" + iri_to_uri("&".join(kept))
    return redirect


def _redirect(url):
    response = HttpResponsePermanentRedirect(url)
    patch_cache_control(response, public=True, max_age=REDIRECT_MAX_AGE)
    return response


def _is_postbag_page(request):
    try:
        resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return False
    return True
