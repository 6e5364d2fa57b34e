"""The source view's mention toggle in Chromium: off by default, on by the keyboard, kept
in the URL, and marking as many mentions as `bilateral coverage --format json` lists."""

from __future__ import annotations

MARKS = "#article .text .mention.{}"
STARTS = "marks => [...new Set(marks.map(m => Number(m.dataset.start)))].sort((a, b) => a - b)"


def starts(page, state: str) -> list[int]:
    return page.locator(MARKS.format(state)).evaluate_all(STARTS)


def border(page, state: str) -> str:
    return page.locator(MARKS.format(state)).first.evaluate(
        "m => getComputedStyle(m).borderBottomStyle"
    )


def test_toggle_marks_the_mentions_the_coverage_lists(offline_unreviewed, unreviewed_report):
    """Over a build without one reviewed exclusion, so that one mention is unresolved."""
    offline, coverage_report = offline_unreviewed, unreviewed_report
    unresolved = sorted(
        m["start"] for m in coverage_report["mentions"] if not m["term"] and not m["excluded"]
    )
    excluded = sorted(m["start"] for m in coverage_report["mentions"] if m["excluded"])
    page = offline.goto("/source")
    page.wait_for_selector("#facts[data-ready='true']")
    toggle = page.locator("#show-mentions")
    assert not toggle.is_checked() and page.locator("#mention-counts").is_hidden()
    assert border(page, "unresolved") == "none"  # marked in the HTML, not shown

    toggle.focus()
    page.keyboard.press("Space")
    page.wait_for_selector("#article.show-mentions")
    assert page.url.endswith("/source?mentions=on")
    assert starts(page, "unresolved") == unresolved and unresolved
    assert starts(page, "excluded") == excluded and excluded
    assert border(page, "unresolved") == "solid" and border(page, "excluded") == "dashed"
    reason = next(m["excluded"] for m in coverage_report["mentions"] if m["start"] == excluded[0])
    assert reason in page.locator(MARKS.format("excluded")).first.get_attribute("title")
    counts = page.locator("#mention-counts tr[data-kind='all'] td").first
    figures = coverage_report["totals"]["mentions"]["all"]
    assert counts.inner_text() == f"{figures['resolved']}/{figures['counted']}"
    offline.screenshot("source-mentions")

    shared = offline.goto("/source?mentions=on")  # a shared link opens with the marks on
    assert shared.locator("#show-mentions").is_checked()
    assert shared.locator("#mention-counts").is_visible()
    shared.locator("#show-mentions").focus()
    shared.keyboard.press("Space")
    shared.wait_for_selector("#article:not(.show-mentions)")
    assert shared.url.endswith("/source") and border(shared, "unresolved") == "none"
    assert offline.errors == [] and offline.blocked == []


def test_a_resolved_mention_opens_its_term(offline):
    page = offline.goto("/source?mentions=on")
    page.locator("a.mention.resolved[data-start='1472']").click()  # "Four days" after the trip
    page.wait_for_url("**/resource/Ukrainian_Anti-Terrorist_Operations_2014")
    assert offline.errors == [] and offline.blocked == []
