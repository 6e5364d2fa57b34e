"""The source view's mention marks and counts, from the real server over the real build,
against what `bilateral coverage --format json` prints for the same build."""

from __future__ import annotations

import html
import json
import re
import urllib.request

MARK = re.compile(r'class="mention (\w+)" data-kind="(\w+)" data-start="(\d+)" title="([^"]*)"')


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=60) as response:
        assert response.status == 200
        return response.read().decode("utf-8")


def test_json_twin_carries_the_figures_bilateral_coverage_prints(project_server, coverage_report):
    data = json.loads(get(project_server + "/source.json"))
    assert data["mentions"]["totals"] == coverage_report["totals"]["mentions"]
    keys = ("kind", "start", "end", "text", "term", "excluded")
    items = [{k: m[k] for k in keys} for m in data["mentions"]["items"]]
    assert items == coverage_report["mentions"]


def test_each_state_of_a_mention_has_its_mark_and_link(unreviewed_server, unreviewed_report):
    """Over a build without one reviewed exclusion, whose mention is then unresolved."""
    data = json.loads(get(unreviewed_server + "/source.json"))
    assert data["mentions"]["totals"] == unreviewed_report["totals"]["mentions"]
    items = data["mentions"]["items"]
    unresolved = [m for m in items if m["state"] == "unresolved"]
    assert [(m["text"], m["term"], m["excluded"]) for m in unresolved] == [("GDP", None, None)]
    assert {m["state"] for m in items} == {"resolved", "unresolved", "excluded"}
    for m in items:
        assert (m["state"] == "resolved") == (m["term"] is not None)
        assert (m["href"] is not None) == (m["state"] == "resolved"), m
    four_days = next(m for m in items if m["start"] == 1472)  # "Four days after Putin's China trip"
    assert (four_days["text"], four_days["state"]) == ("Four days", "resolved")
    assert four_days["href"] == "/resource/Ukrainian_Anti-Terrorist_Operations_2014"


def test_every_mention_is_marked_with_its_state_kind_and_offsets(
    unreviewed_server, unreviewed_report
):
    coverage_report = unreviewed_report
    page = get(unreviewed_server + "/source")
    text = page[page.index('<div class="text">') :]
    marks = {(int(start), state, kind, title) for state, kind, start, title in MARK.findall(text)}
    assert {start for start, *_ in marks} == {m["start"] for m in coverage_report["mentions"]}
    by_start = {m["start"]: m for m in coverage_report["mentions"]}
    for start, state, kind, title in marks:
        mention = by_start[start]
        assert kind == mention["kind"]
        assert f"characters {start}–{mention['end']}" in title
        if state == "excluded":
            assert mention["excluded"] and mention["excluded"] in html.unescape(title)
        else:
            assert state == ("resolved" if mention["term"] else "unresolved")
    assert {state for _, state, _, _ in marks} == {"resolved", "unresolved", "excluded"}


def test_the_toggle_is_off_by_default_and_on_by_the_url(project_server, coverage_report):
    off = get(project_server + "/source")
    assert '<article class="article" id="article">' in off
    assert 'id="mention-counts" hidden' in off
    assert "checked" not in off.split('id="show-mentions"')[1][:80]
    on = get(project_server + "/source?mentions=on")
    assert '<article class="article show-mentions" id="article">' in on
    assert 'id="mention-counts" hidden' not in on
    assert " checked>" in on.split('id="show-mentions"')[1][:120]
    counts = on[on.index('id="mention-counts"') : on.index('<div class="text">')]
    for kind, figures in coverage_report["totals"]["mentions"].items():
        row = counts[counts.index(f'<tr data-kind="{kind}">') :]
        shown = re.search(r'"resolved-count">(\d+)</span>/<span class="counted">(\d+)<', row)
        assert shown.groups() == (str(figures["resolved"]), str(figures["counted"])), kind


def test_a_build_without_coverage_shows_no_toggle(client):
    data = client.get("/source.json").json
    assert data["mentions"] is None
    html = client.get("/source?mentions=on").get_data(as_text=True)
    assert 'id="show-mentions"' not in html and 'class="mention ' not in html
