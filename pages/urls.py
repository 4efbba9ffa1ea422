from django.urls import path

from pages import cards, feeds, podcast, sitemaps, views
from postbag.pagecache import public_page

# No namespace: these are the site's own addresses ("home", "search", "theme_detail").
urlpatterns = [
    path("", views.home, name="home"),
    path("themes/", views.theme_list, name="theme_list"),
    path("themes/<unicode_slug:slug>/", views.theme_detail, name="theme_detail"),
    path("search/", views.search, name="search"),
    path("feeds/latest/", public_page(feeds.latest), name="feeds_latest"),
    path("feeds/themes/<unicode_slug:slug>/", public_page(feeds.theme), name="feeds_theme"),
    path("feeds/podcast/", public_page(podcast.podcast), name="feeds_podcast"),
    path("feeds/podcast/cover.png", podcast.cover, name="podcast_cover"),
    path("sitemap.xml", public_page(sitemaps.index), name="sitemap"),
    path("sitemap-<section>.xml", public_page("p")(sitemaps.section), name="sitemap_section"),
    path("privacy/", views.privacy, name="privacy"),
    path("letters/<unicode_slug:slug>/card.png", cards.letter_card, name="letter_card"),
    path("articles/<unicode_slug:slug>/card.png", cards.article_card, name="article_card"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("healthz", views.healthz, name="healthz"),
]
