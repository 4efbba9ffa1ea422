"""A letter's writer sends an update with their receipt code; readers read the updates.

The writer's side mirrors the ask form (advice.views.ask): every refusal shows the form
again with everything typed, and nothing but the update's text is stored.
"""

import logging

from django.conf import settings
from django.db import DatabaseError
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from advice.letter_updates import LetterUpdate
from advice.services import find_letter_by_code
from advice.update_forms import UpdateForm
from advice.updates import submit_update
from advice.views import STATUS_SCOPE
from postbag.errors import on_csrf_failure, retry_later
from postbag.pagecache import public_page
from postbag.pagination import paginate
from postbag.ratelimit import give_back, retry_after_words, take, too_many

logger = logging.getLogger(__name__)

UPDATE_SCOPE = "ask-update"
TEMPLATE = "advice/ask_update.html"


def render_update_form(request, form, *, status=200, **context):
    """The update form page, with what went wrong (if anything) and a fresh "shown at"."""
    if form.is_bound:
        form.refresh_shown_at()
    return render(request, TEMPLATE, {"form": form, **context}, status=status)


def update_refused(request, context):
    """The update form refused by the CSRF check: the update comes back with the reason."""
    return render_update_form(request, UpdateForm(request.POST), status=403, **context)


@never_cache
@on_csrf_failure(update_refused)
def send_update(request):
    """GET shows the form; POST (code and update) holds the update for the editors.

    The code is checked as the status page checks it (a wrong one counts towards
    ASK_STATUS_RATE_LIMIT, a right one is handed back); a stored update counts towards
    ASK_RATE_LIMIT, as a letter does, in a window of its own.
    """
    if request.method != "POST":
        return render_update_form(request, UpdateForm())
    form = UpdateForm(request.POST)
    if not form.is_valid():
        return render_update_form(request, form, status=400)
    status_rate, rate = settings.ASK_STATUS_RATE_LIMIT, settings.ASK_RATE_LIMIT
    if not take(request, STATUS_SCOPE, status_rate):
        retry_in = retry_after_words(status_rate)
        response = render_update_form(request, form, status=429, limited=True, retry_in=retry_in)
        return too_many(response, status_rate)
    try:
        letter = find_letter_by_code(form.cleaned_data["code"])
        if letter is None:
            return render_update_form(request, form, status=400, not_found=True)
        give_back(request, STATUS_SCOPE, status_rate)
        if not letter.is_published:
            return render_update_form(request, form, status=400, not_published=True)
        if not take(request, UPDATE_SCOPE, rate):
            words = retry_after_words(rate)
            response = render_update_form(request, form, status=429, limited=True, retry_in=words)
            return too_many(response, rate)
        update = submit_update(letter=letter, text=form.cleaned_data["update"])
    except DatabaseError:
        logger.error("Could not store a letter's update: database unavailable")
        give_back(request, UPDATE_SCOPE, rate)
        return retry_later(render_update_form(request, form, status=503, unavailable=True))
    return render(request, "advice/ask_update_sent.html", {"update": update})


@public_page("page")
def update_list(request):
    """Every published update, newest first, each linked to its letter."""
    page = paginate(request, LetterUpdate.objects.for_listing(), count_name="letter-updates")
    return render(request, "advice/letterupdate_list.html", {"page": page})
