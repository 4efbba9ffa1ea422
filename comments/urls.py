from django.urls import path

from comments import views

app_name = "comments"

urlpatterns = [
    path("delete/", views.comment_delete, name="delete"),
    path("<str:kind>/<unicode_slug:slug>/", views.comment_form, name="write"),
]
