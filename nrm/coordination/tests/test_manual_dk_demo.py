"""The Danish demo's national coordination: the Danish manual's working text, the
interministerial working group's meeting with the adopted action, the operational meeting,
and the coordinator's and the statistics analyst's pages."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from nrm.accounts.middleware import SESSION_MEMBERSHIP
from nrm.accounts.models import User
from nrm.coordination.models import (
    ActionStatus,
    ForumKind,
    ForumMeeting,
    ManualEntryVersion,
    PlanAction,
)
from nrm.coordination.steps import DanishManualStep
from nrm.organisations.models import Membership
from nrm.testing_dk import danish_installation

pytestmark = pytest.mark.django_db


def signed_in(username: str) -> Client:
    user = User.objects.get(username=username)
    membership = Membership.objects.get(user=user)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user).persistent_id
    session[SESSION_MEMBERSHIP] = membership.pk
    session.save()
    return client


def test_the_danish_demo_runs_the_national_coordination(settings: Any) -> None:
    danish_installation(settings)
    call_command("demo", "load", country="DK", stdout=StringIO())

    manual = ManualEntryVersion.objects.filter(country="DK", approved_at__isnull=False)
    assert set(manual.values_list("step", flat=True)) == set(DanishManualStep.values)
    assert set(manual.values_list("language", flat=True)) == {"da"}
    assert {m.kind for m in ForumMeeting.objects.all()} == {
        ForumKind.PLATFORM,
        ForumKind.OPERATIONAL,
    }
    action = PlanAction.objects.get(number="2025-01")
    assert action.status == ActionStatus.IN_PROGRESS
    assert action.lead.short_name == "CMM"

    coordinator = signed_in("koordinator")
    for url in ("/coordination/manual/", "/coordination/forums/", "/coordination/plan/"):
        assert coordinator.get(url).status_code == 200, url
    page = coordinator.get("/coordination/manual/").text
    assert "udrejsefrist på 30 dage" in page
    assert "CMM deltager i fælles myndighedsaktioner" in coordinator.get("/coordination/plan/").text
    analyst = signed_in("cmm.statistik")
    assert analyst.get("/statistics/").status_code == 200
    assert analyst.get("/coordination/manual/").status_code == 200
