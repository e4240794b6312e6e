"""One way to answer a refusal on a page: `actor_view` maps each domain error to its status."""

from __future__ import annotations

import pytest
from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.test import RequestFactory

from nrm.access.context import Actor
from nrm.core.errors import Conflict, DomainError, NotFound, PermissionDenied, http_status_for
from nrm.core.http import actor_view, form_error
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


def test_any_other_refusal_is_400_with_its_reason(world: World) -> None:
    view = page_raising(DomainError("Choose a reason from the list.", field="reason"))
    response = view(request_as(world, "caseworker_a"))  # type: ignore[operator]
    assert response.status_code == 400
    assert "Choose a reason from the list." in response.content.decode()


def test_one_mapping_of_refusals_to_statuses() -> None:
    class Unknown(DomainError):
        status = 418  # a subclass's own attribute does not change its kind of refusal

    assert http_status_for(NotFound("x")) == 404
    assert http_status_for(PermissionDenied("x")) == 403
    assert http_status_for(Conflict("x")) == 409
    assert http_status_for(DomainError("x")) == 400
    assert http_status_for(Unknown("x")) == 400


class ReasonForm(forms.Form):
    reason = forms.CharField(required=False)
    details = forms.CharField(required=False)


def test_a_refusal_goes_on_the_field_it_names_and_answers_400() -> None:
    form = ReasonForm({"reason": "x"})
    assert form.is_valid()
    status = form_error(form, DomainError("Choose a reason.", field="reason"))
    assert status == 400
    assert form.errors["reason"] == ["Choose a reason."]


def test_a_refusal_reaches_the_field_the_form_names_otherwise() -> None:
    form = ReasonForm({})
    assert form.is_valid()
    form_error(form, DomainError("Too long.", field="text"), fields={"text": "details"})
    assert form.errors["details"] == ["Too long."]


def test_a_refusal_on_an_unknown_field_goes_above_the_form() -> None:
    form = ReasonForm({})
    assert form.is_valid()
    form_error(form, DomainError("Not valid.", field="expected_version"))
    assert form.non_field_errors() == ["Not valid."]


def test_a_conflict_goes_above_the_form_and_answers_409() -> None:
    form = ReasonForm({})
    assert form.is_valid()
    assert form_error(form, Conflict("Changed meanwhile.")) == 409
    assert form.non_field_errors() == ["Changed meanwhile."]


@pytest.mark.parametrize("error", [NotFound("gone"), PermissionDenied("no")])
def test_not_found_and_forbidden_are_not_the_forms_business(error: DomainError) -> None:
    form = ReasonForm({})
    assert form.is_valid()
    with pytest.raises(type(error)):
        form_error(form, error)
    assert not form.errors
