/* The query page: YASGUI on our endpoint, canned queries one click away,
   result IRIs of our resources linked to their pages. No inline script (CSP). */
(function () {
  "use strict";
  var el = document.getElementById("yasgui");
  if (!el || typeof Yasgui === "undefined") { return; }
  var prefixes = JSON.parse(el.dataset.prefixes);
  var resourceBase = el.dataset.resourceBase;
  var endpoint = new URL(el.dataset.endpoint, window.location.href).href;  // YASR parses it as a URL

  // Errors: YASQE keeps only the body of a failed answer; remember its status and Retry-After.
  var failure = null;
  var plainFetch = window.fetch.bind(window);
  window.fetch = function (request, options) {
    return plainFetch(request, options).then(function (response) {
      var url = typeof request === "string" ? request : request.url;
      if (!response.ok && url.indexOf(endpoint) === 0) {
        failure = { status: response.status, statusText: response.statusText,
                    retryAfter: response.headers.get("Retry-After") };
      }
      return response;
    });
  };
  var errorBox = document.getElementById("query-error");
  function showError(error) {
    var message = String(error && error.message || error);
    try { message = JSON.parse(message).error || message; } catch (e) { /* a plain-text body */ }
    var head = failure ? failure.status + " " + (failure.statusText || "") : "The query failed";
    errorBox.querySelector(".status").textContent = head.trim();
    errorBox.querySelector(".message").textContent = message;
    var retry = failure && failure.retryAfter;
    errorBox.querySelector(".retry").textContent = retry ? "The server is busy: try again in " + retry + " s." : "";
    errorBox.hidden = false;
  }

  // Cells for people: our resources by name, linked to their pages; numbers and dates
  // formatted; no datatype or language syntax. The JSON/CSV answers keep the exact values.
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"];
  var XSD = "http://www.w3.org/2001/XMLSchema#";
  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  function readableLiteral(binding) {
    var value = binding.value, type = binding.datatype || "";
    if (/#(integer|decimal|double|float|int|long)$/.test(type) && value !== "" && !isNaN(Number(value))) {
      return Number(value).toLocaleString("en-US", { maximumFractionDigits: 6 });
    }
    var day = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(value);
    if (day && (type === XSD + "date" || type === XSD + "gYearMonth" || type === XSD + "dateTime")) {
      return (day[3] ? Number(day[3]) + " " : "") + MONTHS[Number(day[2]) - 1] + " " + day[1];
    }
    return value.replace(/\\([\\`*_{}\[\]()#+\-.!$])/g, "$1").replace(/(^|[^\w*])\*([^*]+)\*(?![\w*])/g, "$1$2");
  }
  function readableCell(binding) {
    if (binding.type === "uri") {
      var iri = binding.value;
      if (iri.indexOf(resourceBase) === 0) {
        var slug = iri.slice(resourceBase.length);
        return "<div><a class='iri local' href='/resource/" + escapeHtml(slug) + "' title='" + escapeHtml(iri) +
          "'>" + escapeHtml(decodeURIComponent(slug).replace(/_/g, " ")) + "</a></div>";
      }
      var name = iri.replace(/^.*[#\/]/, "") || iri;
      return "<div><a class='iri' href='" + escapeHtml(iri) + "' title='" + escapeHtml(iri) + "'>" + escapeHtml(name) + "</a></div>";
    }
    return "<div><span class='nonIri' title='" + escapeHtml(binding.value) + "'>" + escapeHtml(readableLiteral(binding)) + "</span></div>";
  }
  if (Yasgui.Yasr && Yasgui.Yasr.plugins && Yasgui.Yasr.plugins.table) {
    Yasgui.Yasr.plugins.table.prototype.getCellContent = readableCell;
  }

  // Offline: keep only autocompleters that need no remote service (no LOV, no prefix.cc).
  if (Yasgui.Yasqe && Yasgui.Yasqe.defaults) {
    Yasgui.Yasqe.defaults.autocompleters = ["variables", "prefixes"];
  }
  var yasgui = new Yasgui(el, {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    persistenceId: null,
    populateFromUrl: false,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    yasqe: { value: el.dataset.query },
    yasr: { prefixes: prefixes }
  });
  var tab = yasgui.getTab();
  tab.getYasqe().setValue(el.dataset.query);
  tab.getYasqe().addPrefixes && tab.getYasqe().addPrefixes(prefixes);
  window.scrollTo(0, 0);  // the editor takes focus; the page still opens at its top
  function watch(t) {
    var yasqe = t.getYasqe();
    yasqe.on("query", function () { failure = null; errorBox.hidden = true; });
    yasqe.on("queryResponse", function (instance, response) {
      if (response instanceof Error) { showError(response); }
    });
  }
  watch(tab);
  yasgui.on("tabAdd", function () { setTimeout(function () { watch(yasgui.getTab()); }, 0); });

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
