"""The editors' admin site: Django's own, with a login that resists password guessing.

After ADMIN_LOGIN_RATE_LIMIT failed log-ins (default 10 an hour) from one client, the
login form refuses that client until the window ends, whatever the password. Clients
are counted by the same keyed hash of their address as the ask form (postbag.ratelimit):
no address is stored anywhere, and with Redis every app server shares the count.
"""

from django.conf import settings
from django.contrib import admin
from django.shortcuts import render

from postbag.ratelimit import is_limited, record_hit

LOGIN_SCOPE = "admin-login"


class PostbagAdminSite(admin.AdminSite):
    def login(self, request, extra_context=None):
        rate = settings.ADMIN_LOGIN_RATE_LIMIT
        if request.method == "POST" and is_limited(request, LOGIN_SCOPE, rate):
            context = {**self.each_context(request), "title": "Too many attempts"}
            return render(request, "admin/login_locked.html", context, status=429)
        response = super().login(request, extra_context)
        if request.method == "POST" and not request.user.is_authenticated:
            record_hit(request, LOGIN_SCOPE, rate)
        return response
