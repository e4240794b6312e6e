from __future__ import annotations

from django.urls import path

from nrm.api import openapi, persons
from nrm.qualification import api as qualification

app_name = "api"
urlpatterns = [
    path("openapi.json", openapi.openapi, name="openapi"),
    path("persons", persons.persons, name="persons"),
    path("persons/<str:reference>", persons.person, name="person"),
    path("qualify", qualification.qualify, name="qualify"),
    path("schemas/<slug:name>.json", qualification.schema, name="schema"),
]
