// Finds and sorts in the tables of communities: a small enhancement of
// plain tables that work without it. No framework, nothing fetched.
// A form marked data-finder (rendered hidden, shown here) filters the table
// that follows it by name in either alphabet (each row's data-search) and by
// the columns its selects name (col1: oblast, col2: type); the headers of
// tables inside [data-sortable] become buttons that sort by their column.
(function () {
  "use strict";
  var lang = document.documentElement.lang || "uk";
  var collator = new Intl.Collator(lang);
  var decimal = (1.5).toLocaleString(lang).charAt(1);

  function text(cell) {
    return cell ? cell.textContent.trim() : "";
  }

  // A figure as printed ("115 512", "23,6 %", "UAH 1,200") as a number,
  // or a cell's sort key (a threat level's gravity); NaN for "not
  // reported" and for a level not assessed.
  function number(cell, keyed) {
    if (keyed) return cell && cell.hasAttribute("data-sort") ? Number(cell.getAttribute("data-sort")) : NaN;
    if (!cell || cell.querySelector(".missing")) return NaN;
    var digits = "";
    text(cell).split("").forEach(function (c) {
      if (c >= "0" && c <= "9") digits += c;
      else if (c === decimal) digits += ".";
      else if (c === "-" || c === "\u2212") digits += "-";
    });
    return digits ? parseFloat(digits) : NaN;
  }

  function finder(form) {
    var wrap = form.nextElementSibling;
    var table = wrap && wrap.querySelector("table");
    if (!table) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var search = form.querySelector("input[type=search]");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var count = form.querySelector("[data-count]");
    selects.forEach(function (select) {
      var column = Number(select.name.slice(3));
      var values = {};
      rows.forEach(function (row) { values[text(row.cells[column])] = true; });
      var keys = Object.keys(values).sort(collator.compare);
      if (keys.length < 2) { select.closest("label").hidden = true; return; }
      keys.forEach(function (value) {
        var option = document.createElement("option");
        option.textContent = value;
        option.value = value;
        select.appendChild(option);
      });
    });
    function apply() {
      var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var key = row.getAttribute("data-search") || text(row).toLowerCase();
        var ok = words.every(function (w) { return key.indexOf(w) >= 0; }) &&
          selects.every(function (s) {
            return !s.value || text(row.cells[Number(s.name.slice(3))]) === s.value;
          });
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = count.getAttribute("data-count")
        .replace("{}", shown.toLocaleString(lang))
        .replace("{}", rows.length.toLocaleString(lang));
    }
    form.addEventListener("input", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
    form.hidden = false;
  }

  function sortable(table) {
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
    heads.forEach(function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var keyed = rows.some(function (r) { return r.cells[column] && r.cells[column].hasAttribute("data-sort"); });
        var numeric = keyed || th.classList.contains("num");
        rows.sort(function (a, b) {
          var x = a.cells[column], y = b.cells[column];
          var order;
          if (numeric) {
            var p = number(x, keyed), q = number(y, keyed);
            // "Not reported" last, whichever the direction.
            if (isNaN(p) || isNaN(q)) return isNaN(p) - isNaN(q);
            order = p - q;
          } else {
            order = collator.compare(text(x), text(y));
          }
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("form[data-finder]"), finder);
  Array.prototype.forEach.call(document.querySelectorAll("[data-sortable] table"), sortable);
})();
