/* The query page: YASGUI on our endpoint, canned queries one click away,
   result IRIs of our resources linked to their pages. No inline script (CSP). */
(function () {
  "use strict";
  var el = document.getElementById("yasgui");
  if (!el || typeof Yasgui === "undefined") { return; }
  var prefixes = JSON.parse(el.dataset.prefixes);
  var resourceBase = el.dataset.resourceBase;

  // Offline: keep only autocompleters that need no remote service (no LOV, no prefix.cc).
  if (Yasgui.Yasqe && Yasgui.Yasqe.defaults) {
    Yasgui.Yasqe.defaults.autocompleters = ["variables", "prefixes"];
  }
  var yasgui = new Yasgui(el, {
    requestConfig: { endpoint: el.dataset.endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    persistenceId: null,
    populateFromUrl: false,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: el.dataset.endpoint }]; } },
    yasqe: { value: el.dataset.query },
    yasr: { prefixes: prefixes }
  });
  var tab = yasgui.getTab();
  tab.getYasqe().setValue(el.dataset.query);
  tab.getYasqe().addPrefixes && tab.getYasqe().addPrefixes(prefixes);

  // Our resource IRIs open our resource pages, wherever YASR draws a link.
  function localise(root) {
    root.querySelectorAll("a[href^='" + resourceBase + "']").forEach(function (a) {
      a.setAttribute("href", "/resource/" + a.getAttribute("href").slice(resourceBase.length));
      a.removeAttribute("target");
      a.classList.add("local");
    });
  }
  new MutationObserver(function (records) {
    records.forEach(function (r) { if (r.target.querySelectorAll) { localise(r.target); } });
  }).observe(el, { childList: true, subtree: true });

  function runCanned(button) {
    fetch(button.dataset.href + ".json", { headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (q) {
        var current = yasgui.getTab();
        current.setName && current.setName(q.title);
        current.getYasqe().setValue(q.text);
        current.getYasqe().query();
      })
      .catch(function (err) { button.classList.add("failed"); button.title = "Could not load: " + err; });
  }
  document.querySelectorAll("button.canned-query").forEach(function (b) {
    b.addEventListener("click", function () {
      document.querySelectorAll("button.canned-query.active").forEach(function (x) { x.classList.remove("active"); });
      b.classList.add("active");
      runCanned(b);
    });
  });
})();
