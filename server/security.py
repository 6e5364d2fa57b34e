"""Security headers: a Content-Security-Policy on HTML, nosniff and Referrer-Policy on all."""

from __future__ import annotations

from flask import Flask, Response

# YASGUI and vis-timeline/vis-network set inline styles, hence 'unsafe-inline' for styles
# only; scripts come from our own origin (templates pass data through data- attributes).
CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "frame-ancestors 'none'",
    ]
)
REFERRER_POLICY = "strict-origin-when-cross-origin"


def add_headers(response: Response) -> Response:
    """Add the policy to HTML responses and the two generic headers to every response."""
    if response.mimetype == "text/html":
        response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", REFERRER_POLICY)
    return response


def init_app(app: Flask) -> None:
    """Register the headers on every response of `app`."""
    app.after_request(add_headers)
