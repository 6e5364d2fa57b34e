/* Canned-query forms: names suggested from the search index as one types,
   and a date picker that writes an ISO day into the free-text date field. */
(function () {
  "use strict";
  document.querySelectorAll("input[data-autocomplete]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    var pending = null;
    input.addEventListener("input", function () {
      var q = input.value.trim();
      if (q.length < 2 || /^(https?:|<)/.test(q)) { return; }
      if (pending) { pending.abort(); }
      pending = new AbortController();
      fetch(input.dataset.autocomplete + "?limit=10&q=" + encodeURIComponent(q),
            { headers: { Accept: "application/json" }, signal: pending.signal })
        .then(function (r) { return r.ok ? r.json() : { entities: [] }; })
        .then(function (data) {
          list.textContent = "";
          data.entities.forEach(function (hit) {
            var option = document.createElement("option");
            option.value = hit.label;
            option.label = hit.types.join(", ");
            list.appendChild(option);
          });
        })
        .catch(function () { /* a newer keystroke replaced this request */ });
    });
  });
  document.querySelectorAll("input.date-picker").forEach(function (picker) {
    picker.addEventListener("change", function () {
      document.getElementById(picker.dataset.for).value = picker.value;
    });
  });
})();
