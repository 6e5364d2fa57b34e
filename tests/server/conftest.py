"""The app on the fixture store, and its test client (Flask tutorial style)."""

from __future__ import annotations

import pytest

from bilateral.server import create_app, state


@pytest.fixture
def make_app(small_store):
    """A factory of apps on the fixture store; their query processes stop at teardown."""
    apps = []

    def make(**config):
        app = create_app({"STORE": str(small_store), "TESTING": True, **config})
        apps.append(app)
        return app

    yield make
    for app in apps:
        state.close(app)


@pytest.fixture
def app(make_app):
    """The app with default settings on the fixture store."""
    return make_app()


@pytest.fixture
def client(app):
    """A test client of `app`."""
    return app.test_client()
