from __future__ import annotations

from django.urls import path

from nrm.guide import views

app_name = "guide"
# Language codes are ISO 639-1 or BCP 47 tags ("fa-AF", "zh-Hans").
urlpatterns = [
    path("", views.index, name="index"),
    path("edit/<str:code>/", views.edit, name="edit"),
    path("<str:code>.pdf", views.leaflet, name="pdf"),
    path("<str:code>/", views.page, name="page"),
]
