"""The OpenAPI 3.1 description of the HTTP API, served as written in `openapi.json`."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response

SPEC = Path(__file__).with_name("openapi.json")

bp = Blueprint("openapi", __name__)


@bp.route("/openapi.json")
def spec() -> Response:
    """The OpenAPI description of this service."""
    response = Response(SPEC.read_bytes(), mimetype="application/json")
    response.headers["Cache-Control"] = "public, max-age=300"
    return response
