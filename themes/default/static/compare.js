// The compare page: two to four communities side by side. It reads the
// list of communities on the page (which, without JavaScript, is the page),
// fetches each picked community's open-data record (data/passports/<id>.json)
// and nothing else, and keeps the choice in the address (?ids=a,b,c).
// No framework; every figure is written the way the site writes it.
(function () {
  "use strict";
  var root = document.querySelector("[data-compare]");
  var settingsNode = document.getElementById("compare-settings");
  if (!root || !settingsNode) return;
  var settings = JSON.parse(settingsNode.textContent);
  var text = settings.text;
  var lang = document.documentElement.lang || "uk";
  var whole = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
  var tenths = new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  var decimal = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });

  // Communities by id: a Map, so that an id from the address such as
  // "constructor" or "__proto__" finds nothing, never an object's own.
  var byId = new Map();
  var all = [];
  Array.prototype.forEach.call(document.querySelectorAll("[data-id]"), function (li) {
    var c = {
      id: li.getAttribute("data-id"),
      name: li.textContent.trim(),
      key: li.getAttribute("data-key"),
      href: li.querySelector("a").getAttribute("href").replace(/#similar$/, ""),
      kind: li.getAttribute("data-kind"),
      oblast: li.closest("[data-oblast]").getAttribute("data-oblast")
    };
    c.label = c.name + " (" + c.oblast + ")";
    byId.set(c.id, c);
    all.push(c);
  });

  var form = root.querySelector("[data-pick]");
  var input = form.querySelector("input");
  var list = root.querySelector("datalist");
  var picked = root.querySelector("[data-picked]");
  var message = root.querySelector("[data-message]");
  var result = root.querySelector("[data-result]");
  all.forEach(function (c) {
    var option = document.createElement("option");
    option.value = c.label;
    list.appendChild(option);
  });

  // A UI string with its "{}" filled: by a function, so that "$`" or "$&"
  // in the value are written as they are, not as replacement patterns.
  function fill(template, value) {
    return template.replace("{}", function () { return String(value); });
  }

  function el(name, attrs, children) {
    var node = document.createElement(name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  // The ids in the address, in order, each once.
  function idsFromAddress() {
    var ids = [];
    new URLSearchParams(window.location.search).getAll("ids").forEach(function (value) {
      value.split(",").forEach(function (id) {
        id = id.trim();
        if (id && ids.indexOf(id) < 0) ids.push(id);
      });
    });
    return ids;
  }

  var chosen = [];
  var notes = [];

  function setAddress() {
    var url = new URL(window.location.href);
    if (chosen.length) url.searchParams.set("ids", chosen.join(","));
    else url.searchParams.delete("ids");
    window.history.replaceState(null, "", url.pathname + url.search.replace(/%2C/g, ",") + url.hash);
  }

  // The community a reader typed: the list's label, a name, or words that
  // only one community's name holds (in either alphabet).
  function find(typed) {
    var t = typed.trim().toLowerCase();
    if (!t) return null;
    var exact = all.filter(function (c) {
      return c.label.toLowerCase() === t || c.name.toLowerCase() === t;
    });
    if (exact.length === 1) return exact[0];
    var words = t.split(/\s+/);
    var found = all.filter(function (c) {
      return words.every(function (w) { return c.key.indexOf(w) >= 0; });
    });
    return found.length === 1 ? found[0] : null;
  }

  function value(record, path) {
    return path.split(".").reduce(function (v, k) {
      return v === null || v === undefined ? v : v[k];
    }, record);
  }

  // A figure not there: a dash to see (narrow columns), its words to hear.
  function absent(words) {
    return el("span", { "class": "missing", title: words }, [
      el("span", { "aria-hidden": "true" }, ["—"]), el("span", { "class": "hidden-text" }, [words])
    ]);
  }

  function written(v, format) {
    if (format === "level" && !v) return absent(settings.not_assessed);
    if (v === null || v === undefined) return absent(settings.missing);
    switch (format) {
      case "int": return whole.format(v);
      case "tenths": return tenths.format(v);
      case "percent": return fill(settings.percent, tenths.format(v));
      case "money": return fill(settings.money, whole.format(Math.round(v)));
      case "decimal": return decimal.format(v);
      case "flag": return v >= 0.5 || v === true ? settings.yes : settings.no;
      case "level": return el("span", { "class": "level level-" + v }, [settings.levels[v] || v]);
      default: return String(v);
    }
  }

  function chart(c, name, label) {
    var base = c.href + "charts/" + name;
    var img = el("img", { src: base + ".png", alt: label + ": " + c.name, loading: "lazy", width: "640", height: "400" });
    var link = el("a", { href: base + ".svg" }, [img]);
    img.addEventListener("error", function () {
      link.replaceWith(el("span", { "class": "missing" }, [text.no_chart]));
    });
    return link;
  }

  function table(records) {
    var head = el("tr", {}, [el("th", { scope: "col" }, [text.community])]);
    records.forEach(function (r) {
      var c = byId.get(r.id);
      head.appendChild(el("th", { scope: "col" }, [
        el("a", { href: c.href }, [c.name]), el("br"),
        el("span", { "class": "meta" }, [c.kind + ", " + c.oblast])
      ]));
    });
    var body = el("tbody");
    settings.lines.forEach(function (line) {
      var row = el("tr", {}, [el("th", { scope: "row" }, [line.label])]);
      records.forEach(function (r) {
        var shown = written(value(r, line.path), line.format);
        var numeric = ["int", "tenths", "percent", "money", "decimal"].indexOf(line.format) >= 0;
        row.appendChild(el("td", numeric ? { "class": "num" } : {}, [shown]));
      });
      body.appendChild(row);
    });
    Object.keys(settings.charts).sort().reverse().forEach(function (name) {
      var label = settings.charts[name];
      var row = el("tr", { "class": "charts-row" }, [el("th", { scope: "row" }, [label])]);
      records.forEach(function (r) { row.appendChild(el("td", {}, [chart(byId.get(r.id), name, label)])); });
      body.appendChild(row);
    });
    var t = el("table", { "class": "side-by-side", style: "--n: " + records.length }, [
      el("caption", {}, [text.caption]), el("thead", {}, [head]), body
    ]);
    return el("div", { "class": "table-wrap", role: "region", tabindex: "0", "aria-label": text.caption }, [t]);
  }

  function showPicked() {
    picked.textContent = "";
    chosen.forEach(function (id) {
      var c = byId.get(id);
      var button = el("button", { type: "button", "aria-label": fill(text.remove, c.name) }, ["×"]);
      button.addEventListener("click", function () {
        chosen = chosen.filter(function (x) { return x !== id; });
        notes = [];
        update();
      });
      picked.appendChild(el("li", {}, [c.name + " ", button]));
    });
  }

  var asked = 0;
  function update() {
    setAddress();
    showPicked();
    var mine = ++asked;
    var say = notes.slice();
    if (chosen.length === 1) say.push(text.few);
    message.textContent = say.join(" ");
    if (!chosen.length) { result.textContent = ""; return; }
    Promise.all(chosen.map(function (id) {
      return fetch(settings.data + encodeURIComponent(id) + ".json")
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .catch(function () { return { failed: id }; });
    })).then(function (records) {
      if (mine !== asked) return;
      var failed = records.filter(function (r) { return r.failed; });
      failed.forEach(function (r) { say.push(fill(text.failed, byId.get(r.failed).name)); });
      message.textContent = say.join(" ");
      result.textContent = "";
      var good = records.filter(function (r) { return !r.failed; });
      if (good.length) result.appendChild(table(good));
    });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var c = find(input.value);
    notes = [];
    if (!c) {
      notes.push(fill(text.not_found, input.value.trim()));
    } else if (chosen.indexOf(c.id) < 0) {
      if (chosen.length >= settings.max) notes.push(fill(text.too_many, settings.max));
      else chosen.push(c.id);
      input.value = "";
    }
    update();
  });

  idsFromAddress().forEach(function (id) {
    if (!byId.has(id)) notes.push(fill(text.unknown, id));
    else if (chosen.length >= settings.max) {
      if (notes.indexOf(fill(text.too_many, settings.max)) < 0) notes.push(fill(text.too_many, settings.max));
    } else chosen.push(id);
  });
  document.querySelector("[data-no-script]").hidden = true;
  root.hidden = false;
  update();
})();
