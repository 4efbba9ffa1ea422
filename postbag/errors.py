"""Error pages that keep their promises when parts of the world are down."""

import sys

from django.db import DatabaseError
from django.http import HttpResponse
from django.template.loader import render_to_string
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
