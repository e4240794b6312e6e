"""The edge of /api/v1/: one NinjaAPI that mounts every app's router (`urls.py`).

Not an installed app any more: tokens live in `nrm.accounts`, the plumbing in
`nrm.core.api`, each app's operations in its own `api.py`.
"""
