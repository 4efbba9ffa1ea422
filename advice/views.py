from django.shortcuts import get_object_or_404, render

from advice.models import Letter, Theme
from postbag.content import load_rows, published_about, related_reading, themes_with_counts
from postbag.pagination import paginate
from postbag.publishing import render_detail


def letter_list(request):
    page = paginate(request, Letter.objects.published().for_listing())
    return render(request, "advice/letter_list.html", {"page": page})


def letter_detail(request, slug):
    letter = get_object_or_404(Letter.objects.for_detail().viewable_by(request.user), slug=slug)
    return render_detail(
        request,
        "advice/letter_detail.html",
        letter,
        {"letter": letter, "related": related_reading(letter)},
    )


def theme_list(request):
    return render(request, "advice/theme_list.html", {"themes": themes_with_counts()})


def theme_detail(request, slug):
    theme = get_object_or_404(Theme, slug=slug)
    page = paginate(request, published_about(theme))
    page.object_list = load_rows(page.object_list)
    return render(request, "advice/theme_detail.html", {"theme": theme, "page": page})
