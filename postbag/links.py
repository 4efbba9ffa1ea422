"""Addresses on the public site, for links that leave it (feeds, sitemaps, e-mail, metadata)."""

from django.conf import settings


def absolute_url(path):
    """`path` (e.g. "/letters/a-slug/") on the public site: SITE_URL + path."""
    return settings.SITE_URL + path
