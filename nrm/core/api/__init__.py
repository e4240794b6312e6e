"""The plumbing of the JSON API, shared by every app's router (django-ninja, pydantic v2).

Domain-free on purpose: who the caller is (a token, a session) is resolved by callables the
edge passes in (`nrm/api/urls.py`), so `core` imports no app above it. An app declares a
`ninja.Router` in its `api.py`, with schemas built from `nrm.core.api.types`, answers lists
through `nrm.core.api.pagination.keyset_page`, and raises `DomainError`s: the handlers in
`nrm.core.api.errors` give them the API's one error shape.
"""
