from __future__ import annotations

from django.urls import path

from nrm.retention import views

app_name = "retention"
urlpatterns = [
    path("", views.index, name="index"),
    path("holds/", views.holds, name="holds"),
    path("holds/<int:pk>/release/", views.hold_release, name="hold_release"),
    path("export/", views.export, name="export"),
    path("erasure/", views.erasure, name="erasure"),
    path("register/", views.register, name="register"),
]
