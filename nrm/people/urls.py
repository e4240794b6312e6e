from __future__ import annotations

from django.urls import path

from nrm.people import views, views_picker

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="list"),
    path("new/", views.person_new, name="new"),
    path("picker/", views_picker.person_picker_search, name="picker"),
    path("<str:reference>/", views.person_detail, name="detail"),
    path("<str:reference>/edit/", views.person_edit, name="edit"),
    path("<str:reference>/history/", views.person_history, name="history"),
]
