"""API tokens move from the former `api` app to `accounts`, keeping their table and rows.

Where the table exists (a database the `api` app migrated), it is adopted as it is; on a
new database it is created. Only the model's home changes, not a byte of data.
"""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import ProjectState


class AdoptOrCreateModel(migrations.CreateModel):
    def database_forwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        model = to_state.apps.get_model(app_label, self.name)
        if model._meta.db_table in schema_editor.connection.introspection.table_names():
            return
        super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        # Tokens are not dropped by going back: the table stays for whoever owned it before.
        return


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_sign_in_throttle"),
        ("organisations", "0001_initial"),
    ]

    operations = [
        AdoptOrCreateModel(
            name="ApiToken",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("digest", models.CharField(max_length=64, unique=True)),
                ("label", models.CharField(max_length=100, verbose_name="label")),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("expires_at", models.DateTimeField()),
                ("revoked_at", models.DateTimeField(blank=True, null=True)),
                (
                    "membership",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="api_tokens",
                        to="organisations.membership",
                    ),
                ),
            ],
            options={"db_table": "api_apitoken"},
        ),
    ]
