/* The source view: clicking a highlighted passage lists the facts drawn from it. */
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
      panel.dataset.ready = "true";
    });

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
