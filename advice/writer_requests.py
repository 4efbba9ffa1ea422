"""What a letter's writer asks afterwards with their receipt code, about a published letter:
an update (advice.update_views) or a takedown (advice.takedown_views). One flow for both.

As on the status page, a wrong code counts towards ASK_STATUS_RATE_LIMIT and a right one is
handed back; a stored request counts towards ASK_RATE_LIMIT, in a window of its own per kind
(`scope`), as a letter does. Every refusal shows the form again with everything typed; with
the database down the request is not stored and the reader is asked to try again (503).
"""

import logging

from django.conf import settings
from django.db import DatabaseError

from advice.services import find_letter_by_code
from advice.views import STATUS_SCOPE
from postbag.errors import retry_later
from postbag.ratelimit import give_back, retry_after_words, take, too_many

logger = logging.getLogger(__name__)


def handle_writer_request(request, form, *, render_form, scope, store):
    """Check `form` (bound, with a `code` field) and, for the writer of a published letter,
    call `store(letter, cleaned_data)` and return (what it returned, None); otherwise return
    (None, the response to send): `render_form(request, form, status=…, **flags)` with one
    of the flags `not_found`, `not_published`, `limited` (and `retry_in`), `unavailable`.
    """
    if not form.is_valid():
        return None, render_form(request, form, status=400)
    status_rate, rate = settings.ASK_STATUS_RATE_LIMIT, settings.ASK_RATE_LIMIT
    if not take(request, STATUS_SCOPE, status_rate):
        return None, _limited(request, form, render_form, status_rate)
    try:
        letter = find_letter_by_code(form.cleaned_data["code"])
        if letter is None:
            return None, render_form(request, form, status=400, not_found=True)
        give_back(request, STATUS_SCOPE, status_rate)
        if not letter.is_published:
            return None, render_form(request, form, status=400, not_published=True)
        if not take(request, scope, rate):
            return None, _limited(request, form, render_form, rate)
        return store(letter, form.cleaned_data), None
    except DatabaseError:
        logger.error("Could not store a writer's %s: database unavailable", scope)
        give_back(request, scope, rate)
        return None, retry_later(render_form(request, form, status=503, unavailable=True))


def _limited(request, form, render_form, rate):
    response = render_form(
        request, form, status=429, limited=True, retry_in=retry_after_words(rate)
    )
    return too_many(response, rate)
