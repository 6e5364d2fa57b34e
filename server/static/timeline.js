/* The timeline: every dated event on vis-timeline, filtered by type and actor. */
(function () {
  "use strict";
  var el = document.getElementById("timeline");
  if (!el || typeof vis === "undefined") { return; }
  var typeSelect = document.getElementById("filter-type");
  var actorSelect = document.getElementById("filter-actor");
  var count = document.getElementById("timeline-count");

  function className(types) {
    return "type-" + types[0].split("#").pop().toLowerCase();
  }
  function nextDay(iso) {
    var d = new Date(iso + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() + 1);
    return d.toISOString().slice(0, 10);
  }

  fetch(el.dataset.src, { headers: { Accept: "application/json" } })
    .then(function (r) { return r.json(); })
    .then(function (data) {
      var items = new vis.DataSet(data.events.map(function (e) {
        var item = { id: e.id, content: e.label, start: e.start, className: className(e.types),
                     title: (e.dateText || e.start) + " — " + e.label, href: e.href,
                     types: e.types, actors: e.actors };
        if (e.end && e.end !== e.start) { item.end = nextDay(e.end); }
        return item;
      }));
      var view = new vis.DataView(items, {
        filter: function (item) {
          return (!typeSelect.value || item.types.indexOf(typeSelect.value) >= 0) &&
                 (!actorSelect.value || item.actors.indexOf(actorSelect.value) >= 0);
        }
      });
      var timeline = new vis.Timeline(el, view, {
        stack: true, zoomMin: 1000 * 60 * 60 * 24 * 3, orientation: "top",
        margin: { item: 4 }, maxHeight: "70vh", tooltip: { followMouse: true }
      });
      // Open on the period the article covers; a filter shows all it keeps.
      function home() {
        if (data.period && data.period.start && data.period.end) {
          var pad = 7 * 24 * 3600 * 1000;
          timeline.setWindow(new Date(Date.parse(data.period.start) - pad),
                             new Date(Date.parse(nextDay(data.period.end)) + pad), { animation: false });
        } else {
          timeline.fit({ animation: false });
        }
      }
      function refresh() {
        view.refresh();
        count.textContent = view.length + " of " + items.length + " events";
        if (typeSelect.value || actorSelect.value) { timeline.fit(); } else { home(); }
      }
      home();
      typeSelect.addEventListener("change", refresh);
      actorSelect.addEventListener("change", refresh);
      timeline.on("select", function (props) {
        var item = props.items.length && items.get(props.items[0]);
        if (item && item.href) { window.location.href = item.href; }
      });
      count.textContent = items.length + " events";
      el.dataset.ready = "true";
    });
})();
