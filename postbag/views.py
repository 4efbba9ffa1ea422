from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from advice.models import Letter
from articles.models import Article
from postbag.content import themes_with_counts

HOME_LETTERS = 6
HOME_ARTICLES = 4


def home(request):
    return render(
        request,
        "home.html",
        {
            "letters": Letter.objects.published().for_listing()[:HOME_LETTERS],
            "articles": Article.objects.published().for_listing()[:HOME_ARTICLES],
            "themes": themes_with_counts(),
        },
    )


@never_cache
def healthz(request):
    """200 "ok" when the app and its database answer, 503 otherwise (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")
