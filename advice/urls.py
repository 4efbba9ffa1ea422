from django.urls import path

from advice import ask_steps, takedown_views, update_views, views

app_name = "advice"

urlpatterns = [
    path("letters/", views.letter_list, name="letter_list"),
    # Before the letter's own pattern, which would take "updates" for a slug.
    path("letters/updates/", update_views.update_list, name="update_list"),
    path("letters/<unicode_slug:slug>/", views.letter_detail, name="letter_detail"),
    path("ask/", views.ask, name="ask"),
    path("ask/status/", views.ask_status, name="ask_status"),
    path("ask/status/update/", update_views.send_update, name="send_update"),
    path("ask/status/takedown/", takedown_views.ask_takedown, name="ask_takedown"),
    path("ask/like/", ask_steps.ask_like, name="ask_like"),
    path("about/", views.about, name="about"),
]
