"""The pages work under the Content-Security-Policy: no violation in headless Chromium."""

from __future__ import annotations

import pytest

# Each page and the selector its script sets once it has drawn (so its code has run).
PAGES = {
    "/": ".CodeMirror",
    "/resource/Joint_Sea-2014": "blockquote.passage",
    "/timeline": "#timeline[data-ready='true']",
    "/network": "#network[data-ready='true']",
    "/source": "#facts[data-ready='true']",
    "/queries/events-of-an-actor": "form.params",
}
COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI);
});
"""


@pytest.mark.parametrize("path", list(PAGES))
def test_page_runs_without_csp_violations(offline, path):
    offline.page.add_init_script(COLLECT_VIOLATIONS)
    console: list[str] = []
    offline.page.on(
        "console", lambda msg: console.append(msg.text) if msg.type == "error" else None
    )
    response = offline.page.goto(offline.base_url + path)
    assert response is not None and response.status == 200
    policy = response.headers.get("content-security-policy", "")
    assert "script-src 'self'" in policy, "the page is served without the policy"
    offline.page.wait_for_selector(PAGES[path], timeout=30_000)
    if path == "/":  # run a query, so YASR draws its table under the policy too
        offline.page.click("button.canned-query[data-name='most-active-actors']")
        offline.page.locator(".yasr table tbody tr").first.wait_for(timeout=20_000)
    violations = offline.page.evaluate("window.__cspViolations")
    assert violations == []
    assert [text for text in console if "Content Security Policy" in text] == []
    assert offline.errors == []


def test_an_inline_script_is_refused(offline):
    """The policy is really enforced: a script injected inline does not run."""
    offline.page.add_init_script(COLLECT_VIOLATIONS)
    offline.goto("/queries")
    offline.page.evaluate(
        """() => { const s = document.createElement('script');
                   s.textContent = 'window.__injected = true;';
                   document.body.appendChild(s); }"""
    )
    assert offline.page.evaluate("window.__injected === true") is False
    violations = offline.page.evaluate("window.__cspViolations")
    assert any(v.startswith("script-src") for v in violations)
