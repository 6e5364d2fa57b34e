/* The network: actors linked by shared events, sized by activity, coloured by kind;
   actors who share no event stay hidden until asked for; click opens the actor. */
(function () {
  "use strict";
  var el = document.getElementById("network");
  if (!el || typeof vis === "undefined") { return; }
  var PALETTE = ["#c0392b", "#2e86c1", "#229954", "#b7950b", "#8e44ad", "#d35400",
                 "#16a085", "#7f8c8d", "#e84393", "#34495e", "#95a5a6"];
  var legend = document.getElementById("network-legend");
  var colours = {};
  legend.querySelectorAll("li").forEach(function (li, i) {
    colours[li.dataset.kind] = PALETTE[i % PALETTE.length];
    li.querySelector(".swatch").style.background = colours[li.dataset.kind];
  });
  var showIsolated = document.getElementById("network-isolated");
  var find = document.getElementById("network-find");

  fetch(el.dataset.src, { headers: { Accept: "application/json" } })
    .then(function (r) { return r.json(); })
    .then(function (data) {
      var nodes = new vis.DataSet(data.nodes.map(function (n) {
        var colour = colours[n.kind] || "#7f8c8d";
        return { id: n.id, label: n.label, value: n.events, href: n.href, hidden: n.isolated,
                 isolated: n.isolated,
                 color: { background: colour, border: colour,
                          highlight: { background: "#f1c40f", border: colour } },
                 title: n.label + ": " + n.events + " event" + (n.events === 1 ? "" : "s") };
      }));
      var edges = new vis.DataSet(data.edges.map(function (e, i) {
        return { id: i, from: e.from, to: e.to, value: e.events,
                 title: e.events + " shared event" + (e.events === 1 ? "" : "s") };
      }));
      var network = new vis.Network(el, { nodes: nodes, edges: edges }, {
        nodes: { shape: "dot", scaling: { min: 8, max: 40, label: { enabled: true, min: 14, max: 24 } },
                 font: { face: "system-ui, sans-serif", size: 14, strokeWidth: 3, strokeColor: "#ffffff" } },
        edges: { color: { color: "#c8c8c8", highlight: "#555" }, scaling: { min: 1, max: 8 },
                 smooth: false },
        physics: { solver: "forceAtlas2Based", stabilization: { iterations: 300 } },
        interaction: { hover: true, tooltipDelay: 150 }
      });
      network.on("click", function (params) {
        var node = params.nodes.length && nodes.get(params.nodes[0]);
        if (node && node.href) { window.location.href = node.href; }
      });
      network.once("stabilizationIterationsDone", function () {
        network.setOptions({ physics: false });
        el.dataset.ready = "true";
      });
      showIsolated.addEventListener("change", function () {
        nodes.update(nodes.get({ filter: function (n) { return n.isolated; } }).map(function (n) {
          return { id: n.id, hidden: !showIsolated.checked };
        }));
        network.fit();
      });
      find.addEventListener("change", function () {
        var wanted = find.value.trim().toLowerCase();
        var match = nodes.get({ filter: function (n) { return n.label.toLowerCase() === wanted; } })[0] ||
                    nodes.get({ filter: function (n) { return n.label.toLowerCase().indexOf(wanted) >= 0; } })[0];
        if (!match) { find.setCustomValidity("no actor by that name"); find.reportValidity(); return; }
        find.setCustomValidity("");
        if (match.hidden) { showIsolated.checked = true; showIsolated.dispatchEvent(new Event("change")); }
        network.selectNodes([match.id]);
        network.focus(match.id, { scale: 1.4, animation: false });
        el.dataset.focused = match.id;
      });
    });
})();
