"""A letter's writer asks for their published letter to be taken down, with their code.

Reached from the status page (advice.views.ask_status), which sends the code along unseen;
mirrors the update form (advice.update_views): a wrong code counts towards
ASK_STATUS_RATE_LIMIT, a stored request towards ASK_RATE_LIMIT in a window of its own, every
refusal shows the form again with the reason as typed, and nothing but that reason is
stored (advice.takedown_requests).
"""

import logging

from django.conf import settings
from django.db import DatabaseError
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from advice.services import find_letter_by_code
from advice.takedown_forms import TakedownRequestForm
from advice.takedown_requests import request_takedown
from advice.views import STATUS_SCOPE
from postbag.errors import on_csrf_failure, retry_later
from postbag.ratelimit import give_back, retry_after_words, take, too_many

logger = logging.getLogger(__name__)

TAKEDOWN_SCOPE = "ask-takedown"
TEMPLATE = "advice/ask_takedown.html"


def render_takedown_form(request, form, *, status=200, **context):
    return render(request, TEMPLATE, {"form": form, **context}, status=status)


def takedown_refused(request, context):
    """Refused by the CSRF check: the form comes back, the reason as typed."""
    return render_takedown_form(request, TakedownRequestForm(request.POST), status=403, **context)


@never_cache
@on_csrf_failure(takedown_refused)
def ask_takedown(request):
    """GET shows the form; POST (code, optional reason) sends the request to the desk."""
    if request.method != "POST":
        return render_takedown_form(request, TakedownRequestForm())
    form = TakedownRequestForm(request.POST)
    if not form.is_valid():
        return render_takedown_form(request, form, status=400)
    status_rate, rate = settings.ASK_STATUS_RATE_LIMIT, settings.ASK_RATE_LIMIT
    if not take(request, STATUS_SCOPE, status_rate):
        words = retry_after_words(status_rate)
        response = render_takedown_form(request, form, status=429, limited=True, retry_in=words)
        return too_many(response, status_rate)
    try:
        letter = find_letter_by_code(form.cleaned_data["code"])
        if letter is None:
            return render_takedown_form(request, form, status=400, not_found=True)
        give_back(request, STATUS_SCOPE, status_rate)
        if not letter.is_published:
            return render_takedown_form(request, form, status=400, not_published=True)
        if not take(request, TAKEDOWN_SCOPE, rate):
            words = retry_after_words(rate)
            response = render_takedown_form(request, form, status=429, limited=True, retry_in=words)
            return too_many(response, rate)
        request_takedown(letter=letter, reason=form.cleaned_data["reason"])
    except DatabaseError:
        logger.error("Could not store a takedown request: database unavailable")
        give_back(request, TAKEDOWN_SCOPE, rate)
        return retry_later(render_takedown_form(request, form, status=503, unavailable=True))
    return render(request, "advice/ask_takedown_sent.html", {"letter": letter})
