"""A letter's writer asks for their published letter to be taken down, with their code.

Reached from the status page (advice.views.ask_status), which sends the code along unseen;
mirrors the update form (advice.update_views): a wrong code counts towards
ASK_STATUS_RATE_LIMIT, a stored request towards ASK_RATE_LIMIT in a window of its own, every
refusal shows the form again with the reason as typed, and nothing but that reason is
stored (advice.takedown_requests).
"""

from django.shortcuts import render
from django.views.decorators.cache import never_cache

from advice.takedown_forms import TakedownRequestForm
from advice.takedown_requests import request_takedown
from advice.writer_requests import handle_writer_request
from postbag.errors import on_csrf_failure

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

    def store(letter, data):
        request_takedown(letter=letter, reason=data["reason"])
        return letter

    letter, refused = handle_writer_request(
        request,
        TakedownRequestForm(request.POST),
        render_form=render_takedown_form,
        scope=TAKEDOWN_SCOPE,
        store=store,
    )
    if refused:
        return refused
    return render(request, "advice/ask_takedown_sent.html", {"letter": letter})
