/* The timeline: every dated event on vis-timeline, drawn by the precision of its date,
   coloured by kind with a legend, filtered by type and actor, walked by keyboard,
   and mirrored by the list below it. */
(function () {
  "use strict";
  var el = document.getElementById("timeline");
  if (!el || typeof vis === "undefined") { return; }
  var typeSelect = document.getElementById("filter-type");
  var actorSelect = document.getElementById("filter-actor");
  var count = document.getElementById("timeline-count");
  var legend = document.getElementById("timeline-legend");
  var current = document.getElementById("timeline-current");
  var rows = document.querySelectorAll("#timeline-list tbody tr");

  // Kinds of event, each with its own colour (style.css .kind-*), matched on the type's name.
  var KINDS = [
    ["exercise", "Exercises", /exercise|drill|games/],
    ["visit", "Visits", /visit/],
    ["meeting", "Meetings and talks", /summit|meeting|conference|negotiation|talks|call/],
    ["signing", "Signings", /signing|agreement|contract/],
    ["statement", "Statements", /statement|speech|interview|publication|declaration/],
    ["sanction", "Sanctions and vetoes", /sanction|veto/],
    ["other", "Other events", /.*/]
  ];
  var SHAPES = [["point", "one day"], ["range", "exact days"], ["fuzzy", "uncertain span (the article's words)"]];

  function kindOf(types) {
    var names = types.map(function (t) { return t.split("#").pop().toLowerCase(); }).join(" ");
    for (var i = 0; i < KINDS.length; i++) { if (KINDS[i][2].test(names)) { return KINDS[i][0]; } }
    return "other";
  }
  function nextDay(iso) {
    var d = new Date(iso + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() + 1);
    return d.toISOString().slice(0, 10);
  }
  function swatch(className) {
    var span = document.createElement("span");
    span.className = "swatch " + className;
    return span;
  }
  function drawLegend(kinds) {
    KINDS.forEach(function (k) {
      if (!kinds[k[0]]) { return; }
      var li = document.createElement("li");
      li.dataset.kind = k[0];
      li.appendChild(swatch("kind-" + k[0]));
      li.appendChild(document.createTextNode(k[1]));
      legend.appendChild(li);
    });
    SHAPES.forEach(function (s) {
      var li = document.createElement("li");
      li.dataset.shape = s[0];
      li.appendChild(swatch("shape-" + s[0]));
      li.appendChild(document.createTextNode(s[1]));
      legend.appendChild(li);
    });
  }

  fetch(el.dataset.src, { headers: { Accept: "application/json" } })
    .then(function (r) { return r.json(); })
    .then(function (data) {
      var kinds = {};
      var items = new vis.DataSet(data.events.map(function (e) {
        var kind = kindOf(e.types);
        kinds[kind] = true;
        var words = e.dateText ? "“" + e.dateText + "”" : e.start + (e.end !== e.start ? " – " + e.end : "");
        var item = { id: e.id, content: e.label, start: e.start, href: e.href,
                     className: "kind-" + kind + " shape-" + e.shape,
                     title: e.label + " — " + words, types: e.types, actors: e.actors };
        if (e.shape === "point") { item.type = "box"; } else { item.end = nextDay(e.end); }
        return item;
      }));
      drawLegend(kinds);
      var view = new vis.DataView(items, {
        filter: function (item) {
          return (!typeSelect.value || item.types.indexOf(typeSelect.value) >= 0) &&
                 (!actorSelect.value || item.actors.indexOf(actorSelect.value) >= 0);
        }
      });
      // align "left" keeps a label at its bar's start instead of pinning it to the window's edge.
      var timeline = new vis.Timeline(el, view, {
        stack: true, zoomMin: 1000 * 60 * 60 * 24 * 3, orientation: "top", align: "left",
        margin: { item: { horizontal: 6, vertical: 4 } }, maxHeight: "70vh",
        tooltip: { followMouse: true }, keyboard: false
      });
      function home() {
        if (data.period && data.period.start && data.period.end) {
          var pad = 7 * 24 * 3600 * 1000;
          timeline.setWindow(new Date(Date.parse(data.period.start) - pad),
                             new Date(Date.parse(nextDay(data.period.end)) + pad), { animation: false });
        } else {
          timeline.fit({ animation: false });
        }
      }
      function describe() {
        var shown = view.length;
        count.textContent = (shown === items.length ? items.length + " events placed"
                             : shown + " of " + items.length + " placed events shown") +
                            "; the article leaves " + data.undated + " undated.";
      }
      function refresh() {
        view.refresh();
        var kept = {};
        view.getIds().forEach(function (id) { kept[id] = true; });
        rows.forEach(function (row) { row.hidden = !kept[row.dataset.id]; });
        describe();
        if (typeSelect.value || actorSelect.value) { timeline.fit(); } else { home(); }
      }
      // Keyboard: arrows walk the events in date order, Enter opens the selected one.
      var order = function () { return view.get({ order: "start" }).map(function (i) { return i.id; }); };
      function choose(id) {
        timeline.setSelection(id ? [id] : []);
        if (!id) { return; }
        timeline.focus(id, { animation: false });
        var item = items.get(id);
        current.textContent = item.title;
      }
      el.addEventListener("keydown", function (event) {
        var ids = order();
        if (!ids.length) { return; }
        var at = ids.indexOf(timeline.getSelection()[0]);
        if (event.key === "ArrowRight" || event.key === "ArrowDown") {
          choose(ids[Math.min(at + 1, ids.length - 1)]);
        } else if (event.key === "ArrowLeft" || event.key === "ArrowUp") {
          choose(ids[Math.max(at - 1, 0)]);
        } else if (event.key === "Home") {
          choose(ids[0]);
        } else if (event.key === "End") {
          choose(ids[ids.length - 1]);
        } else if (event.key === "Enter" && at >= 0) {
          window.location.href = items.get(ids[at]).href;
        } else {
          return;
        }
        event.preventDefault();
      });
      timeline.on("click", function (props) {
        var item = props.item && items.get(props.item);
        if (item && item.href) { window.location.href = item.href; }
      });
      document.getElementById("timeline-fit").addEventListener("click", function () {
        timeline.fit({ animation: false });
      });
      home();
      typeSelect.addEventListener("change", refresh);
      actorSelect.addEventListener("change", refresh);
      describe();
      el.dataset.ready = "true";
    });
})();
