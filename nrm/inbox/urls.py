from __future__ import annotations

from django.urls import path

from nrm.inbox import views

app_name = "inbox"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("count/", views.count, name="count"),
]
