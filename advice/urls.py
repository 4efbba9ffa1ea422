from django.urls import path

from advice import views

app_name = "advice"

urlpatterns = [
    path("letters/", views.letter_list, name="letter_list"),
    path("letters/<unicode_slug:slug>/", views.letter_detail, name="letter_detail"),
    path("ask/", views.ask, name="ask"),
    path("ask/status/", views.ask_status, name="ask_status"),
    path("about/", views.about, name="about"),
]
