"""The editors' admin site: Django's own, with a login that resists password guessing, and
list actions that answer a selection they can't read with a message (postbag.admin_actions).

Failed log-ins are counted twice, by the keyed-hash limiter of postbag.ratelimit: per user
name *from one client* (ADMIN_LOGIN_RATE_LIMIT, default 10 an hour) and per client
whatever the names it tries (ADMIN_LOGIN_CLIENT_RATE_LIMIT, default 30 an hour). Past
either, the login form refuses that client (for that name) until the window ends,
whatever the password. Because the name is counted per client, someone guessing an
editor's password from elsewhere can't lock that editor out. No address (and no user
name) is stored anywhere; with Redis every app server shares the counts.
"""

from django.conf import settings
from django.contrib import admin
from django.shortcuts import render

from postbag.admin_actions import with_checked_selection
from postbag.ratelimit import give_back, take, too_many

LOGIN_SCOPE = "admin-login"
LOGIN_NAME_SCOPE = "admin-login-name"


def login_limits(request):
    """The (scope, rate, extra) counters a log-in attempt by `request` is charged to."""
    name = request.POST.get("username", "").strip().casefold()
    return [
        (LOGIN_NAME_SCOPE, settings.ADMIN_LOGIN_RATE_LIMIT, name),
        (LOGIN_SCOPE, settings.ADMIN_LOGIN_CLIENT_RATE_LIMIT, ""),
    ]


class PostbagAdminSite(admin.AdminSite):
    # Headed with the column's name, as the public site is, read when each page is made.
    site_header = site_title = property(lambda self: f"{settings.COLUMN_NAME} editors")
    index_title = property(lambda self: f"{settings.COLUMN_NAME}: letters, replies and articles")

    def register(self, model_or_iterable, admin_class=None, **options):
        # Every ModelAdmin, Django's own included, checks the keys an action posts.
        admin_class = with_checked_selection(admin_class or admin.ModelAdmin)
        return super().register(model_or_iterable, admin_class, **options)

    def login(self, request, extra_context=None):
        if request.method != "POST":
            return super().login(request, extra_context)
        limits = login_limits(request)
        # Every attempt is counted before the password is checked, so that simultaneous
        # guesses can't all slip in under the limit; a successful one is handed back.
        # A refused attempt checks no password, so it is handed back too.
        within = [take(request, scope, rate, extra=extra) for scope, rate, extra in limits]
        if not all(within):
            self.give_back(request, limits)
            context = {**self.each_context(request), "title": "Too many attempts"}
            response = render(request, "admin/login_locked.html", context, status=429)
            return too_many(response, max((rate for _, rate, _ in limits), key=lambda r: r[1]))
        response = super().login(request, extra_context)
        if request.user.is_authenticated:
            self.give_back(request, limits)
        return response

    @staticmethod
    def give_back(request, limits):
        for scope, rate, extra in limits:
            give_back(request, scope, rate, extra=extra)
