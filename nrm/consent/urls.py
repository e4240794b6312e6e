from __future__ import annotations

from django.urls import path

from nrm.consent import views

app_name = "consent"
urlpatterns = [path("<str:reference>/", views.person_say, name="person")]
