"""The content version: one number that changes whenever anything a reader can see does.

Every cached page (postbag.pagecache) and every remembered answer (`remember`: counts,
theme lists, related reading) is stored with the version it was made at and used only
while that version is current, so a bump makes all of them stale at once.

What bumps it: every save or delete of a model a content app has declared with
`watch_content()` (in its AppConfig.ready), and theme changes of published items;
readers' new letters and the erasure of an e-mail address don't. Scheduled posts change
the site without any write, so the version also records when the next scheduled item of
any Publishable model goes public, and bumps itself once that time has passed. The
models are found through the app registry: this module names none.

While the cache can't be read (postbag.cache: Redis down or hung), there is no version:
`content_version()` returns None, nothing is made (that costs a query per content model)
or bumped, and callers go without the cache. Writes made during the outage couldn't bump
it, so once the cache answers again the version is bumped once.
"""

import time

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

from postbag.cache import is_unavailable, recoveries
from postbag.publishing import PUBLISHED, Publishable, publishable_models

VERSION_KEY = "pagecache:version"
DATA_SECONDS = 3600
# Saving only these changes nothing a reader can see (erasing a reader's e-mail address).
PRIVATE_FIELDS = {"email", "updated_at", "received_at"}


def next_scheduled_publication():
    """When the next scheduled item of any kind goes public, or a classic re-runs (a Unix
    time), or None."""
    # A scheduled piece, or a classic's re-run: one query for every kind.
    first, *others = (model.objects.appearance_times() for model in publishable_models())
    times = [moment for (moment,) in first.union(*others, all=True) if moment is not None]
    return min(times, default=None).timestamp() if times else None


def bump_content_version():
    """Make every cached page and remembered answer stale."""
    cache.set(VERSION_KEY, (time.time_ns(), next_scheduled_publication()), timeout=None)


def content_saved(sender, instance, created=False, update_fields=None, **kwargs):
    """Signal receiver for saves and deletes of content: bump unless no page can show it.

    A letter arriving from the ask form (new, unpublished) changes no public page, so a
    busy postbag doesn't empty the page cache. Anything else bumps: when in doubt, fresh.
    """
    if update_fields and set(update_fields) <= PRIVATE_FIELDS:
        return
    if created and getattr(instance, "status", PUBLISHED) != PUBLISHED:
        return
    bump_content_version()


def themes_changed(sender, instance, **kwargs):
    """m2m_changed receiver: the themes of a published item show on many pages."""
    if getattr(instance, "status", PUBLISHED) == PUBLISHED:
        bump_content_version()


def watch_content(*models):
    """Bump the version whenever one of `models` is saved or deleted (an AppConfig.ready
    call of each content app, naming the models its public pages show), and when the
    themes of a Publishable one change."""
    for model in models:
        label = model._meta.label
        post_save.connect(content_saved, sender=model, dispatch_uid=f"version-save-{label}")
        post_delete.connect(content_saved, sender=model, dispatch_uid=f"version-del-{label}")
        themes = getattr(model, "themes", None)
        if issubclass(model, Publishable) and themes is not None:
            m2m_changed.connect(
                themes_changed, sender=themes.through, dispatch_uid=f"version-m2m-{label}"
            )


_recoveries_seen = 0


def content_version(stored=None):
    """The current version (an int); once a scheduled item's time has come, a new one.

    `stored` is the version key's value when the caller has read it already. None while
    the cache can't be read (see the module's docstring).
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
