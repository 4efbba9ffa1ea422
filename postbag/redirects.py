"""Addresses that last: a page whose address changes answers at its old one with a 301.

A theme renamed to a new slug, a theme merged into another, a letter or article whose slug
changes once readers could see it: the old address is stored (postbag.models.Redirect)
and `MovedAddressMiddleware` answers it with a permanent redirect to the new one. The
content apps declare which models have addresses (`follow_addresses(Theme, Letter)` in
their AppConfig.ready), so every write path (the admin's save, the services' upserts, an
import) records a move the same way; a merge, which deletes a theme, calls `record_move`.

The table never chains and never loops (`record_move`): every redirect names the newest
address, and an address in use again (a slug moved back, or taken by another page) is no
longer redirected. The middleware reads the table only for a request that would be a 404,
so a page that exists costs no extra query.

Why not django.contrib.redirects: its old_path holds 200 characters, and it matches the
percent-encoded path with its query string (`get_full_path()`): a Hindi letter's address
runs to 1,800 characters once encoded, and "?page=2" or "?utm_source=…" would miss. It
also needs django.contrib.sites, which sends the admin's "View on site" to the Site's
domain (example.com until someone edits it) instead of the page.
"""

import unicodedata
from urllib.parse import unquote

from django.db import DatabaseError
from django.db.models.signals import post_delete, post_save, pre_save
from django.http import HttpResponsePermanentRedirect
from django.urls import get_script_prefix
from django.utils.cache import patch_cache_control
from django.utils.encoding import iri_to_uri

from postbag.models import Redirect
from postbag.publishing import Publishable
from postbag.versioning import bump_content_version

# How long a browser or CDN may keep a redirect before asking again: an hour, because a
# slug may move back (a browser that kept the old redirect for long would go round in a
# loop between the two addresses until it forgot it).
REDIRECT_MAX_AGE = 60 * 60
# How many folders above a 404's address may be a moved page's (`moved_to`).
MOVED_DEPTH = 8
# Set on an instance between pre_save and post_save: its public addresses before the save.
BEFORE = "_postbag_addresses_before"


def site_path(url):
    """`url` (a path from `reverse()`, perhaps percent-encoded) as Redirect stores it: decoded,
    in NFKC, without the script prefix ("/themes/дружба/")."""
    path = unicodedata.normalize("NFKC", unquote(url))
    prefix = get_script_prefix()
    if prefix != "/" and path.startswith(prefix):
        path = "/" + path[len(prefix) :]
    return path


def addresses(instance):
    """The addresses `instance` answers at, as {name: path}: its `addresses()` if it has
    one (a theme's page and feed), else {"page": get_absolute_url()}; {} with no slug."""
    if not getattr(instance, "slug", None):
        return {}
    if hasattr(instance, "addresses"):
        found = instance.addresses()
    else:
        found = {"page": instance.get_absolute_url()}
    return {name: site_path(url) for name, url in found.items()}


def record_move(old, new):
    """Answer `old` (a path) with a redirect to `new` from now on. Run inside the caller's
    transaction.

    No chains: redirects that led to `old` lead to `new` now. No loops: a redirect from
    `new` (the page moved back to an address it had) is removed. Cached pages are made
    stale, so a page kept from before can't answer at `old`.
    """
    old, new = site_path(old), site_path(new)
    if old == new:
        return
    Redirect.objects.filter(old_path=new).delete()
    Redirect.objects.filter(new_path=old).update(new_path=new)
    Redirect.objects.update_or_create(old_path=old, defaults={"new_path": new})
    bump_content_version()


def forget_addresses(paths):
    """Stop redirecting from `paths`: a page answers at them again."""
    Redirect.objects.filter(old_path__in=list(paths)).delete()


def follow_addresses(*models):
    """Record a redirect whenever one of `models` changes its slug, once readers could have
    seen it (a Publishable while published; any other model always), and drop the
    redirects to it when it is deleted (a withdrawn letter leaves no trace of its titles).

    For an AppConfig.ready; each model has a `slug`, and `get_absolute_url()` or
    `addresses()` (see `addresses`).
    """
    for model in models:
        label = model._meta.label
        pre_save.connect(_before_save, sender=model, dispatch_uid=f"redirects-pre-{label}")
        post_save.connect(_after_save, sender=model, dispatch_uid=f"redirects-post-{label}")
        post_delete.connect(_after_delete, sender=model, dispatch_uid=f"redirects-del-{label}")


def _before_save(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields is not None and "slug" not in update_fields):
        return
    if instance.pk is None:
        setattr(instance, BEFORE, {})
        return
    fields = ["slug", *(["status", "published_at"] if issubclass(sender, Publishable) else [])]
    stored = sender._base_manager.filter(pk=instance.pk).only(*fields).first()
    if stored is None or stored.slug == instance.slug:
        return
    public = not isinstance(stored, Publishable) or stored.is_published
    setattr(instance, BEFORE, addresses(stored) if public else {})


def _after_save(sender, instance, raw=False, **kwargs):
    before = instance.__dict__.pop(BEFORE, None)
    if before is None:  # the slug didn't change
        return
    now = addresses(instance)
    forget_addresses(now.values())
    for name, old in before.items():
        if now.get(name):
            record_move(old, now[name])


def _after_delete(sender, instance, **kwargs):
    Redirect.objects.filter(new_path__in=list(addresses(instance).values())).delete()


def moved_to(path):
    """Where the page at `path` (a site path, decoded: Django's path_info) is now, or None.

    An address under a moved page moved with it: with "/letters/old/" → "/letters/new/"
    recorded, "/letters/old/card.png" is at "/letters/new/card.png" (a link preview keeps
    the old og:image for weeks). One indexed lookup for the path and each folder above it,
    the longest recorded one winning. Raises DatabaseError when the table can't be read.
    """
    path = unicodedata.normalize("NFKC", path)
    # The shallowest MOVED_DEPTH folders: recorded pages sit a few folders deep, and a
    # hostile address of a thousand slashes must not make a query of a thousand values.
    folders = [path[: end + 1] for end, char in enumerate(path) if char == "/" and end]
    found = dict(
        Redirect.objects.filter(old_path__in={path, *folders[:MOVED_DEPTH]}).values_list(
            "old_path", "new_path"
        )
    )
    if not found:
        return None
    old = max(found, key=len)
    return found[old] + path[len(old) :]


class MovedAddressMiddleware:
    """Answer a GET or HEAD that would be a 404 with a 301 to where the page moved, if it
    did (see the module and `moved_to`: an address under a moved page moves with it).
    Costs a query only for a 404. Sits before the page cache (which never keeps a 404) and
    after CanonicalPathMiddleware, whose one Unicode form of an address is the form stored
    here. The query string goes along as the reader sent it ("?page=2&utm_source=…"), read
    before the page cache narrows it to what its page reads."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")  # before the page cache narrows it
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        try:
            new_path = moved_to(request.path_info)
        except DatabaseError:
            return response  # the 404 it had anyway
        if new_path is None:
            return response
        script_prefix = request.path[: len(request.path) - len(request.path_info)]
        location = iri_to_uri(script_prefix + new_path) + (f"?{iri_to_uri(query)}" if query else "")
        redirect = HttpResponsePermanentRedirect(location)
        patch_cache_control(redirect, public=True, max_age=REDIRECT_MAX_AGE)
        return redirect
