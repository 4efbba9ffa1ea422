from django.shortcuts import get_object_or_404, render

from articles.models import Article
from postbag.content import related_reading
from postbag.pagination import paginate
from postbag.publishing import render_detail


def article_list(request):
    page = paginate(request, Article.objects.published().for_listing(), count_name="articles")
    return render(request, "articles/article_list.html", {"page": page})


def article_detail(request, slug):
    article = get_object_or_404(Article.objects.for_listing().viewable_by(request.user), slug=slug)
    return render_detail(
        request,
        "articles/article_detail.html",
        article,
        {
            "article": article,
            "series": article.series_navigation(),
            "related": related_reading(article),
        },
    )
