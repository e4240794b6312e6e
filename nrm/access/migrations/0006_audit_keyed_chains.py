from django.db import migrations, models


class Migration(migrations.Migration):
    """Nullable, without a default: the column is added in place (no table rebuild), so the
    append-only triggers stay and no existing row is rewritten."""

    dependencies = [
        ("access", "0005_referral_received_basis"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="chain",
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
    ]
