import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

# The roles that opened case data when four eyes came in (nrm/accounts/queries.py).
CASE_DATA_ROLES = [
    "INSPECTOR",
    "TEAM_LEAD",
    "INVESTIGATOR",
    "PROSECUTOR",
    "JUDGE",
    "CASEWORKER",
    "CENTRE_DIRECTOR",
    "IMMIGRATION_OFFICER",
]


def approve_existing(apps, schema_editor):  # type: ignore[no-untyped-def]
    """Memberships granted before four eyes keep working: they are recorded as approved,
    with no requester or approver, so the history shows they predate the rule."""
    Membership = apps.get_model("organisations", "Membership")
    MembershipApproval = apps.get_model("accounts", "MembershipApproval")
    now = django.utils.timezone.now()
    MembershipApproval.objects.bulk_create(
        MembershipApproval(membership_id=pk, state="APPROVED", decided_at=now)
        for pk in Membership.objects.filter(
            role__in=CASE_DATA_ROLES, ended_at__isnull=True
        ).values_list("pk", flat=True)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("organisations", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="MembershipApproval",
            fields=[
                (
                    "membership",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        primary_key=True,
                        related_name="approval",
                        serialize=False,
                        to="organisations.membership",
                    ),
                ),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("PENDING", "Waiting for a second administrator"),
                            ("APPROVED", "Approved"),
                            ("REFUSED", "Refused"),
                        ],
                        default="PENDING",
                        max_length=16,
                        verbose_name="state",
                    ),
                ),
                ("requested_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("decided_at", models.DateTimeField(blank=True, null=True)),
                (
                    "decided_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "requested_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "membership approval",
                "verbose_name_plural": "membership approvals",
            },
        ),
        migrations.RunPython(approve_existing, migrations.RunPython.noop),
    ]
