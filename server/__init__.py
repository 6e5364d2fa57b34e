"""The Bilateral web application: the SPARQL endpoint, self-description and pages."""

from __future__ import annotations

import importlib
import logging
from pathlib import Path
from typing import Any

from flask import Flask, Response, request

from bilateral.server import description, errors, http_layer, openapi, security, sparql
from bilateral.server.settings import DEFAULTS

logger = logging.getLogger(__name__)

VIEWS = Path(__file__).with_name("views.py")


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Create the app: defaults, then `BILATERAL_*` environment variables, then `config`."""
    # The instance folder is unused; naming it avoids Flask searching the namespace package.
    app = Flask(__name__, static_folder=None, instance_path=str(Path(__file__).parent))
    app.config.from_mapping(DEFAULTS)
    app.config.from_prefixed_env("BILATERAL")
    if config:
        app.config.from_mapping(config)
    app.config["MAX_CONTENT_LENGTH"] = int(app.config["MAX_BODY"])
    errors.init_app(app)
    app.register_blueprint(sparql.bp)
    app.register_blueprint(description.bp)
    app.register_blueprint(openapi.bp)
    if VIEWS.exists():  # the HTML front end, built alongside (issue 4, items 5-8)
        app.register_blueprint(importlib.import_module("bilateral.server.views").bp)
    app.after_request(_cors)
    security.init_app(app)
    app.wsgi_app = http_layer.HttpLayer(app.wsgi_app, app.config)
    return app


def _cors(response: Response) -> Response:
    """Let browser clients anywhere read the public, read-only answers (no credentials)."""
    from flask import current_app

    if current_app.config["CORS"]:
        response.headers["Access-Control-Allow-Origin"] = "*"
        if request.method == "OPTIONS":
            response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
            response.headers["Access-Control-Allow-Headers"] = "Accept, Content-Type"
            response.headers["Access-Control-Max-Age"] = "86400"
    return response
