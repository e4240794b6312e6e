"""Writes about one's own account: sign-in events, password change, second-factor enrolment."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from nrm.access.audit import audit_record
from nrm.access.context import Actor, actor_for
from nrm.access.models import AuditEventType, Purpose
from nrm.accounts.models import User
from nrm.core.errors import DomainError


@transaction.atomic
def user_sign_in_record(*, user: User) -> None:
    audit_record(
        actor=actor_for(user),
        event_type=AuditEventType.SIGN_IN,
        action="user_sign_in",
        record=user,
        purpose=Purpose.ADMINISTRATION,
    )


@transaction.atomic
def user_sign_in_failed_record(*, user: User | None) -> None:
    """A failed attempt. The typed username is not stored: it may be a mistyped password."""
    audit_record(
        actor=None,
        actor_label="anonymous",
        event_type=AuditEventType.SIGN_IN_FAILED,
        action="user_sign_in_failed",
        record_type=User._meta.label_lower,
        record_id=str(user.pk) if user else "",
        purpose=Purpose.ADMINISTRATION,
    )


@transaction.atomic
def user_sign_out_record(*, actor: Actor) -> None:
    audit_record(
        actor=actor,
        event_type=AuditEventType.SIGN_OUT,
        action="user_sign_out",
        record=actor.user,
        purpose=Purpose.ADMINISTRATION,
    )


@transaction.atomic
def user_password_change(*, actor: Actor, old_password: str, new_password: str) -> User:
    user = User.objects.select_for_update().get(pk=actor.user.pk)
    if not user.check_password(old_password):
        raise DomainError("", field="old_password")
    try:
        validate_password(new_password, user)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), field="new_password1") from exc
    user.set_password(new_password)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    audit_record(
        actor=actor,
        event_type=AuditEventType.UPDATE,
        action="user_password_change",
        record=user,
        purpose=Purpose.ADMINISTRATION,
        changes={"password": {"old": "(hidden)", "new": "(changed)"}},
    )
    return user


def totp_device_start(*, user: User) -> TOTPDevice:
    """An unconfirmed device whose secret the user scans; it counts only once confirmed."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="default", confirmed=False)


@transaction.atomic
def totp_device_confirm(*, user: User, device: TOTPDevice) -> TOTPDevice:
    # One second factor per account: enrolling a new phone replaces the old one.
    TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit_record(
        actor=actor_for(user),
        event_type=AuditEventType.UPDATE,
        action="user_totp_enrol",
        record=user,
        purpose=Purpose.ADMINISTRATION,
        changes={"second_factor": {"old": None, "new": "TOTP"}},
    )
    return device


@transaction.atomic
def user_password_recover(*, user: User, new_password: str) -> User:
    """The person's own new password, chosen through the link a reset or a new account
    sent them. The second factor is enrolled next, by them (`totp_device_confirm`)."""
    user = User.objects.select_for_update().get(pk=user.pk)
    try:
        validate_password(new_password, user)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), field="new_password1") from exc
    user.set_password(new_password)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    audit_record(
        actor=actor_for(user),
        event_type=AuditEventType.UPDATE,
        action="user_password_recover",
        record=user,
        purpose=Purpose.ADMINISTRATION,
        changes={"password": {"old": "(hidden)", "new": "(chosen through the link)"}},
    )
    return user
