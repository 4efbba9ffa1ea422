from django.urls import path

from articles import views

app_name = "articles"

urlpatterns = [
    path("articles/", views.article_list, name="article_list"),
    path("articles/<unicode_slug:slug>/", views.article_detail, name="article_detail"),
    path("series/<unicode_slug:slug>/", views.series_detail, name="series_detail"),
]
