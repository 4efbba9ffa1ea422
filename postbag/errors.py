"""Error pages that keep their promises: when parts of the world are down, when a form is
refused by the CSRF check, and when a request is too big to read."""

import logging
import sys

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import DatabaseError
from django.http import HttpResponse
from django.middleware.csrf import REASON_BAD_ORIGIN, REASON_BAD_REFERER, REASON_NO_CSRF_COOKIE
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.views.decorators.csrf import requires_csrf_token
from django.views.defaults import bad_request as django_bad_request
from django.views.defaults import server_error as django_server_error

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 60
# A form sent from a page on another site: Django's reasons start so, then name the origin.
CROSS_SITE_REASONS = tuple(
    reason.split("%s")[0] for reason in (REASON_BAD_ORIGIN, REASON_BAD_REFERER)
)


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


@requires_csrf_token
def bad_request(request, exception):
    """A request Django refused to read (handler400): say what happened, in the site's words.

    Mostly a form too big to take: a body over DATA_UPLOAD_MAX_MEMORY_SIZE, or more fields
    than DATA_UPLOAD_MAX_NUMBER_FIELDS (Django raises RequestDataTooBig, TooManyFieldsSent).
    For a POST the page says that nothing was lost on the reader's side: their browser
    still has what they typed, to shorten and send again. The page never reads the body.
    If it can't be shown (a bad Host header breaks more than this page), Django's plain one.
    """
    too_big = isinstance(exception, (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent))
    context = {"posted": request.method == "POST", "too_big": too_big}
    try:
        return render(request, "400.html", context, status=400)
    except Exception as error:  # the cause of the 400 may break the page too
        logger.warning("The 400 page could not be shown (%s)", type(error).__name__)
        return django_bad_request(request, exception)


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
    is told that sending needs the site's one cookie and what it is for; a form sent from
    another site's page (the Origin or Referer names another site: `cross_origin`) is told
    so; anything else (a stale token) means the page had expired. A view marked with
    `on_csrf_failure` answers itself, keeping what was typed; elsewhere the site's own 403
    page explains.
    """
    context = {
        "csrf_failed": True,
        "cookies_blocked": reason == REASON_NO_CSRF_COOKIE,
        "cross_origin": reason.startswith(CROSS_SITE_REASONS),
    }
    try:
        view = resolve(request.path_info).func
    except Resolver404:
        view = None
    handler = getattr(view, "csrf_failure_handler", None)
    if request.method == "POST" and handler is not None:
        return handler(request, context)
    return render(request, "403_csrf.html", context, status=403)
