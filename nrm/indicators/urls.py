from __future__ import annotations

from django.urls import path

from nrm.indicators import views

app_name = "indicators"
urlpatterns = [
    path("", views.question_list, name="list"),
    path("new/", views.question_new, name="new"),
    path("<str:code>/", views.question_detail, name="detail"),
    path("<str:code>/retire/", views.question_retire, name="retire"),
    path("<str:code>/reactivate/", views.question_reactivate, name="reactivate"),
]
