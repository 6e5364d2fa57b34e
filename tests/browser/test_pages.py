"""The pages in a real headless Chromium, with the network cut off except 127.0.0.1."""

from __future__ import annotations

import json
import re
import urllib.parse
import urllib.request

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


DATED = """
PREFIX bl: <https://w3id.org/bilateral/ontology#>
SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {
  ?e a bl:Event .
  FILTER %s EXISTS { ?e bl:startDate|bl:earliest|bl:latest ?d }
}"""


def sparql_count(base_url: str, query: str) -> int:
    request = urllib.request.Request(
        base_url + "/sparql",
        data=urllib.parse.urlencode({"query": query}).encode(),
        headers={"Accept": "application/sparql-results+json"},
    )
    with urllib.request.urlopen(request) as response:
        return int(json.load(response)["results"]["bindings"][0]["n"]["value"])


def test_timeline_places_every_dated_event(offline, project_server):
    placed = sparql_count(project_server, DATED % "")
    undated = sparql_count(project_server, DATED % "NOT")
    page = offline.goto("/timeline")
    page.wait_for_selector("#timeline[data-ready='true']")
    assert page.locator("#timeline-count").inner_text() == (
        f"{placed} events placed; the article leaves {undated} undated."
    )
    page.click("#timeline-fit")
    drawn = page.locator(".vis-timeline .vis-item.vis-box, .vis-timeline .vis-item.vis-range")
    assert drawn.count() == placed
    assert page.locator(".vis-item.shape-fuzzy").count() > 0
    assert page.locator("#timeline-list tbody tr").count() == placed
    offline.screenshot("timeline-all")
    assert offline.errors == [] and offline.blocked == []


def test_timeline_legend_tells_signings_from_statements(offline):
    page = offline.goto("/timeline")
    page.wait_for_selector("#timeline[data-ready='true']")
    legend = page.locator("#timeline-legend li")
    kinds = legend.evaluate_all("lis => lis.map(li => li.dataset.kind).filter(Boolean)")
    assert {"signing", "statement"} <= set(kinds)

    def colour(kind):
        swatch = page.locator(f"#timeline-legend li[data-kind='{kind}'] .swatch")
        return swatch.evaluate("s => getComputedStyle(s).backgroundColor")

    assert colour("signing") != colour("statement")
    for kind in kinds:  # every kind in the legend is drawn in its colour
        item = page.locator(f".vis-item.kind-{kind}").first
        assert item.evaluate("i => getComputedStyle(i).backgroundColor") == colour(kind)


def test_timeline_labels_are_whole(offline):
    page = offline.goto("/timeline")
    page.wait_for_selector("#timeline[data-ready='true']")
    cut = page.locator(".vis-item.vis-range .vis-item-content").evaluate_all(
        """cs => cs.filter(c => {
             const frame = c.closest('.vis-item-overflow');
             const hidden = getComputedStyle(frame).overflow === 'hidden';
             return hidden && c.scrollWidth > frame.clientWidth;
           }).map(c => c.textContent)"""
    )
    assert cut == []
    # Moved so that long ranges start before the window, no label is pinned to the left edge.
    axis = page.locator("#timeline .vis-time-axis.vis-foreground").first.bounding_box()
    y = axis["y"] + axis["height"] / 2
    page.mouse.move(axis["x"] + 300, y)
    page.mouse.down()
    page.mouse.move(axis["x"] + 900, y, steps=10)
    page.mouse.up()
    pinned = page.locator(".vis-item.vis-range .vis-item-content").evaluate_all(
        "cs => cs.filter(c => c.style.transform && c.style.transform !== 'translateX(0px)')"
        ".map(c => c.textContent)"
    )
    assert pinned == []


def test_timeline_walks_by_keyboard_and_lists_the_same_events(offline):
    page = offline.goto("/timeline")
    page.wait_for_selector("#timeline[data-ready='true']")
    page.focus("#timeline")
    page.keyboard.press("Home")
    first = page.locator("#timeline-list tbody tr").first
    label = first.locator("a").inner_text()
    assert page.locator(".vis-item.vis-selected").inner_text().strip() == label
    page.keyboard.press("ArrowRight")
    second = page.locator("#timeline-list tbody tr").nth(1).locator("a").inner_text()
    assert page.locator(".vis-item.vis-selected").inner_text().strip() == second
    assert second in page.locator("#timeline-current").inner_text()
    href = page.locator("#timeline-list tbody tr").nth(1).locator("a").get_attribute("href")
    page.keyboard.press("Enter")
    page.wait_for_url("**" + href)


def test_resource_summary_shows_roles_and_cameo_code(offline):
    page = offline.goto("/resource/Sergey_Lavrov_Working_Visit_to_Beijing_2014")
    who = page.locator("#summary .who li")
    roles = dict(zip(who.locator("a").all_inner_texts(), who.locator(".role").all_inner_texts()))
    assert roles["Sergey Lavrov"] == "visits" and roles["China"] == "hosts"
    assert page.locator("#summary .cameo").inner_text().startswith("042 ")
    assert offline.errors == []
