"""An analyst's questions in a real Chromium: answers first, values for people, forgiving input."""

from __future__ import annotations

import pytest

MAIN_PAGES = [
    "/",
    "/search?q=russia",
    "/resource/Joint_Sea-2014",
    "/queries/events-in-period?from=July+2014&to=July+2014",
    "/queries",
    "/source",
    "/network",
    "/timeline",
    "/ontology",
    "/download",
]
RDF_SYNTAX = ["^^", "@en", "\\$"]


def test_summary_of_joint_sea_is_above_the_fold(offline):
    page = offline.goto("/resource/Joint_Sea-2014")
    for selector, expected in [
        ("dd.when", "20 May 2014 – 26 May 2014"),
        ("dd.where", "East China Sea"),
        ("dd.who", "Chinese Navy"),
    ]:
        cell = page.locator(selector)
        assert expected in cell.inner_text()
        assert cell.bounding_box()["y"] < 900, selector
    ships = page.locator("dl.answers dt", has_text="Ship")
    assert ships.bounding_box()["y"] < 900
    assert "Varyag" in ships.locator("xpath=following-sibling::dd[1]").inner_text()
    assert page.locator("blockquote.passage:visible").count() == 2  # the rest folded
    offline.screenshot("resource-summary")
    assert offline.errors == [] and offline.blocked == []


def test_no_rdf_syntax_or_markdown_in_tables_snippets_or_source(offline):
    checks = {
        "/queries/agreements-with-values?run=1": "table",
        "/resource/Joint_Sea-2014": "article.resource",
        "/search?q=billion": "main",
        "/source": ".article .text",
    }
    for path, selector in checks.items():
        text = offline.goto(path).locator(selector).first.inner_text()
        for syntax in RDF_SYNTAX:
            assert syntax not in text, (path, syntax)
    table = offline.goto("/queries/agreements-with-values?run=1").locator("table").inner_text()
    assert "$400 billion" in table


def test_query_page_results_speak_words(offline):
    page = offline.goto("/")
    page.wait_for_selector(".CodeMirror")
    page.click("button.canned-query[data-name='agreements-with-values']")
    rows = page.locator(".yasr table tbody tr")
    rows.first.wait_for(timeout=20_000)
    text = page.locator(".yasr table tbody").inner_text()
    assert "^^" not in text and "@en" not in text and "blr:" not in text
    assert "400,000,000,000" in text
    assert offline.errors == [] and offline.blocked == []


def test_forms_accept_a_name_and_a_month(offline):
    page = offline.goto("/queries/events-of-an-actor")
    page.fill("#param-actor", "Sergei Ivanov")
    page.click("form.params button[type=submit]")
    page.wait_for_selector("section.results")
    assert "Sergei Ivanov" in page.locator("section.results table").inner_text()
    page = offline.goto("/queries/events-in-period")
    page.fill("#param-from", "July 2014")
    page.fill("#param-to", "July 2014")
    page.click("form.params button[type=submit]")
    page.wait_for_selector("section.results")
    table = page.locator("section.results table").inner_text()
    assert "July 2014" in table and "June 2014" not in table
    assert offline.errors == [] and offline.blocked == []


def test_actor_field_suggests_names(offline):
    page = offline.goto("/queries/events-of-an-actor")
    page.locator("#param-actor").press_sequentially("Ivan")
    # datalist options are never visible: wait for one to exist (a string predicate
    # would be eval, which the page's CSP refuses)
    page.locator("#choices-actor option").first.wait_for(state="attached", timeout=10_000)
    values = page.locator("#choices-actor option").evaluate_all("os => os.map(o => o.value)")
    assert "Sergei Ivanov" in values


@pytest.mark.parametrize(
    ("q", "expected"), [("agreements", "agreement"), ("Sergey Ivanov", "Sergei Ivanov")]
)
def test_search_forgives(offline, q, expected):
    page = offline.goto("/search?q=" + q.replace(" ", "+"))
    first = page.locator("ol.entities li").first
    assert expected.lower() in first.inner_text().lower()
    assert first.locator(".type-badge").count() >= 1


@pytest.mark.parametrize("path", MAIN_PAGES)
def test_no_sideways_scroll_at_phone_width(chromium, project_server, path):
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(project_server + path)
        page.wait_for_load_state("load")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        if path == "/":
            page.wait_for_selector(".CodeMirror")
            assert page.evaluate("window.scrollY") == 0
    finally:
        context.close()


def test_bad_query_shows_the_servers_message(offline):
    page = offline.goto("/")
    page.wait_for_selector(".CodeMirror")
    page.evaluate(
        "document.querySelector('.CodeMirror').CodeMirror.setValue('SELECT * WHERE { ?s ?p }')"
    )
    page.click(".yasqe_queryButton")
    error = page.locator("#query-error")
    error.wait_for(state="visible", timeout=20_000)
    assert error.locator(".status").inner_text().startswith("400")
    assert "1:25" in error.locator(".message").inner_text()
    assert offline.errors == [] and offline.blocked == []


def test_busy_endpoint_shows_its_retry_after(offline):
    page = offline.goto("/")
    page.wait_for_selector(".CodeMirror")
    page.route(
        "**/sparql",
        lambda route: route.fulfill(
            status=429,
            headers={"Retry-After": "7", "Content-Type": "application/json"},
            body='{"error": "too many queries at once", "ok": false, "status": 429}',
        ),
    )
    page.click(".yasqe_queryButton")
    error = page.locator("#query-error")
    error.wait_for(state="visible", timeout=20_000)
    assert error.locator(".status").inner_text().startswith("429")
    assert error.locator(".message").inner_text() == "too many queries at once"
    assert "7 s" in error.locator(".retry").inner_text()


def test_linked_passage_is_marked_and_opens_its_facts(offline):
    page = offline.goto("/source#offset-28253")
    page.wait_for_selector("#facts[data-ready='true']")
    linked = page.locator("span.cited.linked")
    assert linked.count() >= 1
    assert "Sergei Ivanov" in linked.first.inner_text() or "Russian" in linked.first.inner_text()
    assert page.locator("span.cited").count() > linked.count()
    assert "Sergei Ivanov" in page.locator("#facts-list").inner_text()


def test_table_one_is_a_table(offline):
    table = offline.goto("/source").locator("table.article-table")
    assert table.locator("tr").count() == 13
    assert table.locator("tr").nth(12).locator("td").first.inner_text() == "Peace Mission-2014"


def test_network_hides_isolated_actors_and_finds_one(offline):
    page = offline.goto("/network")
    page.wait_for_selector("#network[data-ready='true']", timeout=30_000)
    assert page.locator("#network-legend li").count() >= 3
    assert "Show the" in page.locator("label[for], #network-controls").inner_text()
    page.fill("#network-find", "Vladimir Putin")
    page.dispatch_event("#network-find", "change")
    page.wait_for_selector("#network[data-focused]")
    assert page.locator("#network").get_attribute("data-focused").endswith("Vladimir_Putin")
    assert offline.errors == [] and offline.blocked == []
