"""One way to answer a refusal on a page: `actor_view` maps each domain error to its status."""

from __future__ import annotations

import pytest
from django.http import Http404, HttpRequest, HttpResponse
from django.test import RequestFactory

from nrm.access.context import Actor
from nrm.core.errors import Conflict, NotFound, PermissionDenied
from nrm.core.http import actor_view
from nrm.testing import World

pytestmark = pytest.mark.django_db


def page_raising(error: Exception) -> HttpResponse:
    @actor_view
    def view(request: HttpRequest, actor: Actor) -> HttpResponse:
        raise error

    return view  # type: ignore[return-value]


def request_as(world: World, persona: str) -> HttpRequest:
    request = RequestFactory().post("/somewhere/")
    request.actor = world.actor(persona)  # type: ignore[attr-defined]
    request.user = world.users[persona]
    return request


def test_a_conflict_is_the_not_possible_now_page_with_its_reason(world: World) -> None:
    view = page_raising(Conflict("The referral was answered meanwhile."))
    response = view(request_as(world, "caseworker_a"))  # type: ignore[operator]
    assert response.status_code == 409
    assert "The referral was answered meanwhile." in response.content.decode()


def test_a_refusal_is_403_with_its_reason(world: World) -> None:
    view = page_raising(PermissionDenied("Only a centre director may do this."))
    response = view(request_as(world, "caseworker_a"))  # type: ignore[operator]
    assert response.status_code == 403
    assert "Only a centre director may do this." in response.content.decode()


def test_a_record_the_actor_may_not_see_is_404(world: World) -> None:
    view = page_raising(NotFound("No such referral."))
    with pytest.raises(Http404):
        view(request_as(world, "caseworker_a"))  # type: ignore[operator]
