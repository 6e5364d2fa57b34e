/* The network: actors linked by shared events, sized by activity; click opens the actor. */
(function () {
  "use strict";
  var el = document.getElementById("network");
  if (!el || typeof vis === "undefined") { return; }
  fetch(el.dataset.src, { headers: { Accept: "application/json" } })
    .then(function (r) { return r.json(); })
    .then(function (data) {
      var nodes = new vis.DataSet(data.nodes.map(function (n) {
        return { id: n.id, label: n.label, value: n.events, href: n.href,
                 title: n.label + ": " + n.events + " event" + (n.events === 1 ? "" : "s") };
      }));
      var edges = new vis.DataSet(data.edges.map(function (e, i) {
        return { id: i, from: e.from, to: e.to, value: e.events,
                 title: e.events + " shared event" + (e.events === 1 ? "" : "s") };
      }));
      var network = new vis.Network(el, { nodes: nodes, edges: edges }, {
        nodes: { shape: "dot", scaling: { min: 6, max: 40, label: { enabled: true, min: 11, max: 22 } },
                 color: { background: "#c0392b", border: "#7b241c",
                          highlight: { background: "#f1c40f", border: "#7b241c" } },
                 font: { face: "system-ui, sans-serif" } },
        edges: { color: { color: "#b8b8b8", highlight: "#555" }, scaling: { min: 1, max: 8 },
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
    });
})();
