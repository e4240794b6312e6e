from __future__ import annotations

from django.urls import path

from nrm.qualification import views

app_name = "qualification"
urlpatterns = [path("", views.qualification_page, name="page")]
