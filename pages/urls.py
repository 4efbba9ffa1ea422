from django.urls import path

from pages import feeds, sitemaps, views
from postbag.pagecache import public_page

# No namespace: these are the site's own addresses ("home", "search", "theme_detail").
urlpatterns = [
    path("", views.home, name="home"),
    path("themes/", views.theme_list, name="theme_list"),
    path("themes/<unicode_slug:slug>/", views.theme_detail, name="theme_detail"),
    path("search/", views.search, name="search"),
    path("feeds/latest/", public_page(feeds.latest), name="feeds_latest"),
    path("feeds/themes/<unicode_slug:slug>/", public_page(feeds.theme), name="feeds_theme"),
    path("sitemap.xml", public_page(sitemaps.index), name="sitemap"),
    path("sitemap-<section>.xml", public_page("p")(sitemaps.section), name="sitemap_section"),
    path("privacy/", views.privacy, name="privacy"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("healthz", views.healthz, name="healthz"),
]
