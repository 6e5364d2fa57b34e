"""An inferred fact on a resource page opens into its derivation, in a real Chromium."""

from __future__ import annotations


def test_inferred_type_expands_into_rule_premises_and_passages(offline):
    page = offline.goto("/resource/Joint_Sea-2014")
    page.locator("details.all-statements > summary").click()
    inferred = page.locator(
        "span.type.inferred", has=page.locator("[title='https://schema.org/Event']")
    )
    why = inferred.locator("details.why")
    assert why.locator("summary").inner_text().startswith("inferred")
    step = why.locator(".step").first
    assert not step.is_visible()
    why.locator("summary").click()
    assert step.is_visible()
    because = step.locator("p.because").first.inner_text()
    assert because.startswith("Joint Sea-2014 is a schema:Event because it is a ")
    assert step.locator(".rule").first.inner_text() == "cax-sco"
    premise = step.locator("li.premise.asserted", has=page.locator("blockquote.quote")).first
    assert "Joint Sea-2014" in premise.locator("blockquote.quote mark").first.inner_text()
    offline.screenshot("derivation")
    link = premise.locator(".statement a[href='/resource/Joint_Sea-2014']").first
    link.click()
    page.wait_for_url("**/resource/Joint_Sea-2014")
    assert offline.errors == [] and offline.blocked == []
