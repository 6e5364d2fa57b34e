"""Headless Chromium (Debian's, driven by Playwright) against the real server.

The server (`project_server`, tests/conftest.py) is `python -m bilateral serve`
on a free 127.0.0.1 port over the project's own build; every request the page
makes elsewhere is aborted, so the UI is shown to work offline. Without /usr/bin/chromium the tests skip
with the reason, unless BILATERAL_REQUIRE_BROWSER=1 (CI), where they fail.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS_ENV = "BILATERAL_SCREENSHOTS"  # a folder to keep a PNG of each page in


def pytest_collection_modifyitems(items):
    for item in items:
        if item.path.is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium():
    """A headless Chromium browser, or a skip (a failure under BILATERAL_REQUIRE_BROWSER=1)."""
    reason = None
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is not installed (apt-get install chromium)"
    else:
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            reason = "the playwright package is not installed (pip install -e '.[test]')"
    if reason:
        if os.environ.get("BILATERAL_REQUIRE_BROWSER") == "1":
            pytest.fail(f"browser required by BILATERAL_REQUIRE_BROWSER=1, but {reason}")
        pytest.skip(reason)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


class OfflinePage:
    """A page whose requests beyond 127.0.0.1 are aborted and recorded, with its JS errors."""

    def __init__(self, browser, base_url: str) -> None:
        # A new context is a fresh, empty profile: no cache, cookies or storage carried over.
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.page = self.context.new_page()
        self.base_url = base_url
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def _route(self, route) -> None:
        if route.request.url.startswith(self.base_url + "/"):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def goto(self, path: str):
        response = self.page.goto(self.base_url + path)
        assert response is not None and response.status == 200, f"{path}: {response}"
        return self.page

    def screenshot(self, name: str) -> bytes:
        """A PNG of the viewport, also kept under $BILATERAL_SCREENSHOTS when set."""
        png = self.page.screenshot()
        folder = os.environ.get(SCREENSHOTS_ENV)
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            (Path(folder) / f"{name}.png").write_bytes(png)
        return png


@pytest.fixture
def offline(chromium, project_server):
    """A fresh browser context on the live server, cut off from every other host."""
    page = OfflinePage(chromium, project_server)
    yield page
    page.context.close()


@pytest.fixture
def offline_unreviewed(chromium, unreviewed_server):
    """`offline`, on the server over the build that leaves a mention unresolved."""
    page = OfflinePage(chromium, unreviewed_server)
    yield page
    page.context.close()
