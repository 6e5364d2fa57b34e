"""One error shape for the whole app: JSON `{"ok": false, "error": ..., "status": N}`.

Browsers (clients preferring text/html) get `templates/error.html` instead,
or plain text when that page cannot be rendered.
"""

from __future__ import annotations

import logging

from flask import Flask, Response, jsonify, render_template, request
from jinja2 import TemplateError
from werkzeug.exceptions import HTTPException
from werkzeug.http import HTTP_STATUS_CODES

from bilateral.graph import formats
from bilateral.graph.exchange.remote import RemoteError
from bilateral.server.executor import QueryFailed

logger = logging.getLogger(__name__)


class ApiError(Exception):
    """An error with its HTTP status and a message naming the fix."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def error_body(status: int, message: str) -> dict:
    """The JSON body of every error response.

    >>> error_body(404, "no such resource")
    {'ok': False, 'error': 'no such resource', 'status': 404}
    """
    return {"ok": False, "error": message, "status": status}


def wants_html() -> bool:
    """Whether the client prefers an HTML page to JSON (a browser)."""
    return formats.negotiate((formats.JSON, formats.HTML), request.accept_mimetypes) is formats.HTML


def error_response(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    """An error as HTML for browsers, JSON for everyone else."""
    response = None
    if wants_html():
        title = HTTP_STATUS_CODES.get(status, "Error")
        try:
            page = render_template("error.html", status=status, title=title, message=message)
            response = Response(page, status=status, mimetype="text/html")
        except (TemplateError, LookupError, RuntimeError, ValueError):
            # The front end (templates, views) may be absent: say it in plain text.
            logger.debug("error page unavailable", exc_info=True)
            response = Response(f"{status} {title}\n\n{message}\n", status, mimetype="text/plain")
    if response is None:
        response = jsonify(error_body(status, message))
        response.status_code = status
    response.headers.update(headers or {})
    return response


def _api_error(error: ApiError) -> Response:
    return error_response(error.status, error.message, error.headers)


def _http_error(error: HTTPException) -> Response:
    headers = {k: v for k, v in error.get_headers() if k.lower() in ("allow", "retry-after")}
    return error_response(error.code or 500, error.description or error.name, headers)


def _query_failed(error) -> Response:
    headers = {"Retry-After": str(error.retry_after)} if error.retry_after else None
    return error_response(error.status, error.message, headers)


def _backend_error(error: RemoteError) -> Response:
    logger.warning("backend failed on %s %s: %s", request.method, request.path, error)
    return error_response(502, f"the backend store failed: {error}")


def _unexpected(error: Exception) -> Response:
    if isinstance(error, HTTPException):
        return _http_error(error)
    logger.exception("unexpected error on %s %s", request.method, request.path)
    return error_response(500, "internal server error; the log has the details")


def init_app(app: Flask) -> None:
    """Answer every error of `app` in the one shape."""
    app.register_error_handler(ApiError, _api_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(RemoteError, _backend_error)
    app.register_error_handler(QueryFailed, _query_failed)
    app.register_error_handler(Exception, _unexpected)
