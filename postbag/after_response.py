"""Work a request owes once its response has been sent: the e-mail it caused.

A reader's outcome e-mail (advice.notifications) and a newsletter confirmation
(newsletter.confirmations) must never make a page wait on, or fail with, a mail server;
the sign-up page must also answer in the same time whether or not an e-mail is owed. So a
request queues such work with `after_response`, and it runs when the request has
finished. Django sends `request_finished` from HttpResponse.close(), which the WSGI server
calls once the body is written to the client (PEP 3333; gunicorn and Django's own servers
do so). Outside a request (a management command, a shell) the work is done at once.
"""

import contextvars
import logging
from dataclasses import dataclass, field

from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection

from postbag.links import serving, site_origin

logger = logging.getLogger(__name__)


@dataclass
class _Owed:
    """What a request owes once its response is sent: {task: [items]}, and the site
    address of the request (postbag.links), which is no longer known by then."""

    origin: str | None = None  # set by the first `after_response`
    tasks: dict = field(default_factory=dict)


# An _Owed while a request runs, None outside one. It is filled in place, never replaced
# during the request, so whichever context the work is queued from, the request's end sees
# it. A context variable, not a thread-local: under ASGI, asgiref carries it between the
# event loop and the thread that runs the view.
_owed = contextvars.ContextVar("postbag_after_response", default=None)


def connect_signals():
    """Open a queue as each request starts and run it when the request has finished."""
    request_started.connect(_open, dispatch_uid="postbag.after_response.open")
    request_finished.connect(_run, dispatch_uid="postbag.after_response.run")


def after_response(task, item):
    """Call `task(items)` once the current response is sent, with every item queued for
    `task` during the request, in order (one bulk action, one call: one connection to the
    mail server); outside a request, `task([item])` at once.

    Call it from `transaction.on_commit`, so nothing is done for work that was rolled back.
    `task` handles its own failures; one that escapes is logged by its name and the
    exception's type only (an SMTP error can quote an address).
    """
    owed = _owed.get()
    if owed is None:
        task([item])
        return
    if owed.origin is None:
        owed.origin = site_origin()  # one request, one address
    owed.tasks.setdefault(task, []).append(item)


def _open(**kwargs):
    _owed.set(_Owed())


def _run(**kwargs):
    owed = _owed.get()
    _owed.set(None)
    if owed is None or not owed.tasks:
        return
    try:
        with serving(owed.origin):
            for task, items in owed.tasks.items():
                try:
                    task(items)
                except Exception as error:  # the response is gone: nobody to tell but the log
                    logger.warning("%s not done (%s)", task.__qualname__, type(error).__name__)
    finally:
        # Django closed this request's database connections before this receiver ran
        # (django.db connects its receiver first); close the one the work opened the same
        # way (never a test's connection inside its transaction).
        if not connection.in_atomic_block:
            close_old_connections()
