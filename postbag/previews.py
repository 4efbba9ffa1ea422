"""Detail pages that staff may preview before they are public."""

from django.shortcuts import render
from django.utils.cache import add_never_cache_headers


def render_detail(request, template_name, item, context=None):
    """Render a letter or article page; an unpublished one is a staff preview.

    Only staff reach an unpublished item (`viewable_by`). Their preview says so on the
    page, asks search engines to keep out and is never cached, so it can't leak from a
    cache to readers.
    """
    is_preview = not item.is_published
    response = render(request, template_name, {**(context or {}), "is_preview": is_preview})
    if is_preview:
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex, nofollow"
    return response
