from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_membership_approval"),
    ]

    operations = [
        migrations.CreateModel(
            name="SignInThrottle",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("key", models.CharField(max_length=48, unique=True)),
                ("account", models.CharField(blank=True, db_index=True, max_length=48)),
                ("failures", models.PositiveIntegerField(default=0)),
                ("last_failure_at", models.DateTimeField(null=True)),
                ("next_allowed_at", models.DateTimeField(db_index=True, null=True)),
            ],
        ),
    ]
