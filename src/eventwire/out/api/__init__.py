"""The HTTP API (FastAPI): `create_app(store_location, write_token=None, max_body=...)`."""

from eventwire.out.api.app import DEFAULT_MAX_BODY, create_app

__all__ = ["DEFAULT_MAX_BODY", "create_app"]
