"""Error pages that keep their promises: when parts of the world are down, and when a
form is refused by the CSRF check."""

import sys

from django.db import DatabaseError
from django.http import HttpResponse
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.views.decorators.csrf import requires_csrf_token
from django.views.defaults import server_error as django_server_error

RETRY_AFTER_SECONDS = 60


def retry_later(response, seconds=RETRY_AFTER_SECONDS):
    """Mark a 503 `response` as temporary: `Retry-After` (RFC 9110 §10.2.3), never cached."""
    response["Retry-After"] = str(seconds)
    response["Cache-Control"] = "no-store"
    return response


@requires_csrf_token
def server_error(request):
    """A database that can't be reached is a 503 "try again shortly", not a 500.

    Django calls this inside its exception handler, wherever the error was raised (a
    view, a middleware, a template), so `sys.exc_info()` still names the cause. The page
    is rendered without a request context: nothing on it may need the database.
    """
    error = sys.exc_info()[1]
    if isinstance(error, DatabaseError):
        return retry_later(HttpResponse(render_to_string("503.html"), status=503))
    return django_server_error(request)


def on_csrf_failure(handler):
    """Give a view its own answer to a form the CSRF check refused (see csrf_failure).

    `handler(request, context)` returns the response; `context` holds `csrf_failed` and
    `cookies_blocked`. For a form whose contents must come back to the person who typed
    them (a letter, a receipt code), instead of the site's general 403 page.
    """

    def mark(view):
        view.csrf_failure_handler = handler
        return view

    return mark


def csrf_failure(request, reason=""):
    """A form refused by the CSRF check: say why in plain words (CSRF_FAILURE_VIEW).

    A missing cookie (REASON_NO_CSRF_COOKIE) can't be fixed by sending again, so the reader
    is told that sending needs the site's one cookie and what it is for; anything else (a
    stale token) means the page had expired. A view marked with `on_csrf_failure` answers
    itself, keeping what was typed; elsewhere the site's own 403 page explains.
    """
    context = {"csrf_failed": True, "cookies_blocked": reason == REASON_NO_CSRF_COOKIE}
    try:
        view = resolve(request.path_info).func
    except Resolver404:
        view = None
    handler = getattr(view, "csrf_failure_handler", None)
    if request.method == "POST" and handler is not None:
        return handler(request, context)
    return render(request, "403_csrf.html", context, status=403)
