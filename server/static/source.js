/* The source view: clicking a highlighted passage lists the facts drawn from it; a toggle
   marks the mentions the graph does not resolve. */
(function () {
  "use strict";
  var panel = document.getElementById("facts");
  var list = document.getElementById("facts-list");
  var article = document.getElementById("article");
  if (!panel || !article) { return; }
  var byId = {};
  fetch(panel.dataset.src, { headers: { Accept: "application/json" } })
    .then(function (r) { return r.json(); })
    .then(function (data) {
      data.passages.forEach(function (p) { byId[p.id] = p; });
      markLinked();
      panel.dataset.ready = "true";
    });

  // A link to "#offset-N" marks the passages starting there and opens their facts.
  function markLinked() {
    var match = /^#offset-(\d+)$/.exec(window.location.hash);
    article.querySelectorAll(".cited.linked").forEach(function (s) { s.classList.remove("linked"); });
    if (!match) { return; }
    var start = Number(match[1]);
    var ids = Object.keys(byId).filter(function (id) { return byId[id].start === start; });
    var first = null;
    article.querySelectorAll(".cited").forEach(function (s) {
      var mine = s.dataset.passages.split(" ");
      if (ids.some(function (id) { return mine.indexOf(id) >= 0; })) {
        s.classList.add("linked");
        first = first || s;
      }
    });
    if (first) { show(first); first.scrollIntoView({ block: "center" }); }
  }
  window.addEventListener("hashchange", markLinked);

  // The mention marks show while the toggle is on; the URL's `mentions=on` keeps the state.
  var toggle = document.getElementById("show-mentions");
  var counts = document.getElementById("mention-counts");
  if (toggle && counts) {
    toggle.addEventListener("change", function () {
      article.classList.toggle("show-mentions", toggle.checked);
      counts.hidden = !toggle.checked;
      var url = new URL(window.location.href);
      if (toggle.checked) { url.searchParams.set("mentions", "on"); } else { url.searchParams.delete("mentions"); }
      window.history.replaceState(null, "", url.toString());
    });
  }

  function show(span) {
    article.querySelectorAll(".cited.selected").forEach(function (s) { s.classList.remove("selected"); });
    var ids = span.dataset.passages.split(" ");
    ids.forEach(function (id) {
      article.querySelectorAll(".cited").forEach(function (s) {
        if (s.dataset.passages.split(" ").indexOf(id) >= 0) { s.classList.add("selected"); }
      });
    });
    list.textContent = "";
    ids.forEach(function (id) {
      var p = byId[id];
      if (!p) { return; }
      var h = document.createElement("h3");
      h.textContent = "Characters " + p.start + "–" + p.end;
      list.appendChild(h);
      var ul = document.createElement("ul");
      p.facts.forEach(function (f) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.textContent = f.label;
        a.href = f.href || f.iri;
        li.appendChild(a);
        ul.appendChild(li);
      });
      if (!p.facts.length) {
        var li = document.createElement("li");
        li.textContent = "(no fact cites this passage directly)";
        ul.appendChild(li);
      }
      list.appendChild(ul);
    });
    panel.querySelector(".hint").hidden = true;
  }
  article.addEventListener("click", function (ev) {
    var span = ev.target.closest(".cited");
    if (span) { show(span); }
  });
  article.addEventListener("keydown", function (ev) {
    var span = ev.target.closest && ev.target.closest(".cited");
    if (span && (ev.key === "Enter" || ev.key === " ")) { ev.preventDefault(); show(span); }
  });
})();
