"""The pages in a real headless Chromium, with the network cut off except 127.0.0.1."""

from __future__ import annotations

import re

NON_BLANK_CANVAS = """(canvas) => {
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let painted = 0;
  for (let i = 3; i < data.length; i += 4) { if (data[i] > 0) painted++; }
  return painted;
}"""


def test_query_page_runs_a_canned_query_offline(offline):
    page = offline.goto("/")
    page.wait_for_selector(".CodeMirror")
    assert "PREFIX bl:" in page.locator(".CodeMirror").inner_text()
    page.click("button.canned-query[data-name='most-active-actors']")
    rows = page.locator(".yasr table tbody tr")
    rows.first.wait_for(timeout=20_000)
    assert rows.count() > 5
    link = page.locator(".yasr table tbody a[href^='/resource/']").first
    link.wait_for()
    assert re.fullmatch(r"/resource/[\w.\-]+", link.get_attribute("href"))
    offline.screenshot("query")
    assert offline.errors == []
    assert offline.blocked == [], "the query page tried to reach another host"


def test_result_link_opens_our_resource_page(offline):
    page = offline.goto("/")
    page.wait_for_selector(".CodeMirror")
    page.click("button.canned-query[data-name='most-active-actors']")
    link = page.locator(".yasr table tbody a[href^='/resource/']").first
    link.wait_for(timeout=20_000)
    href = link.get_attribute("href")
    link.click()
    page.wait_for_url("**" + href)
    assert page.locator("h1").inner_text()


def test_resource_page_shows_its_passages(offline):
    page = offline.goto("/resource/Joint_Sea-2014")
    assert page.locator("h1").inner_text() == "Joint Sea-2014"
    passages = page.locator("blockquote.passage")
    assert passages.count() >= 1
    first = passages.first
    assert first.locator("mark").inner_text().strip()
    assert first.locator(".context").first.inner_text().strip()
    offline.screenshot("resource")
    href = first.locator("footer a").get_attribute("href")
    first.locator("footer a").click()
    page.wait_for_url("**" + href)
    anchor = href.split("#", 1)[1]
    assert page.locator(f"#{anchor}").count() == 1
    assert offline.errors == [] and offline.blocked == []


def test_timeline_draws_and_filters(offline):
    page = offline.goto("/timeline")
    page.wait_for_selector("#timeline[data-ready='true']")
    items = page.locator(".vis-timeline .vis-item")
    assert items.count() > 0
    total = page.locator("#timeline-count").inner_text()
    offline.screenshot("timeline")
    page.select_option("#filter-actor", index=1)
    filtered = page.locator("#timeline-count").inner_text()
    assert filtered != total and " of " in filtered
    assert offline.errors == [] and offline.blocked == []


def test_network_draws(offline):
    page = offline.goto("/network")
    page.wait_for_selector("#network[data-ready='true']", timeout=30_000)
    canvas = page.locator("#network canvas")
    assert canvas.count() == 1
    assert canvas.evaluate(NON_BLANK_CANVAS) > 1000
    offline.screenshot("network")
    assert offline.errors == [] and offline.blocked == []


def test_source_lists_the_facts_of_a_passage(offline):
    page = offline.goto("/source")
    page.wait_for_selector("#facts[data-ready='true']")
    assert page.locator("span.cited").count() > 10
    page.locator("span.cited").nth(3).click()
    facts = page.locator("#facts-list li")
    facts.first.wait_for()
    assert facts.count() >= 1
    offline.screenshot("source")
    assert offline.errors == [] and offline.blocked == []


def test_search_box_finds_a_resource(offline):
    page = offline.goto("/")
    page.fill("header input[name=q]", "Putin")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search?q=Putin")
    assert page.locator("ol.hits li.resource a").first.inner_text() == "Vladimir Putin"
    assert offline.errors == [] and offline.blocked == []
