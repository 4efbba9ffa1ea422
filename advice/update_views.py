"""A letter's writer sends an update with their receipt code; readers read the updates.

The writer's side mirrors the ask form (advice.views.ask): every refusal shows the form
again with everything typed, and nothing but the update's text is stored.
"""

from django.shortcuts import render
from django.views.decorators.cache import never_cache

from advice.letter_updates import LetterUpdate
from advice.update_forms import UpdateForm
from advice.updates import submit_update
from advice.writer_requests import handle_writer_request
from postbag.errors import on_csrf_failure
from postbag.pagecache import public_page
from postbag.pagination import paginate

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

    Codes, limits and refusals as advice.writer_requests says.
    """
    if request.method != "POST":
        return render_update_form(request, UpdateForm())
    update, refused = handle_writer_request(
        request,
        UpdateForm(request.POST),
        render_form=render_update_form,
        scope=UPDATE_SCOPE,
        store=lambda letter, data: submit_update(letter=letter, text=data["update"]),
    )
    if refused:
        return refused
    return render(request, "advice/ask_update_sent.html", {"update": update})


@public_page("page")
def update_list(request):
    """Every published update, newest first, each linked to its letter."""
    page = paginate(request, LetterUpdate.objects.for_listing(), count_name="letter-updates")
    return render(request, "advice/letterupdate_list.html", {"page": page})
