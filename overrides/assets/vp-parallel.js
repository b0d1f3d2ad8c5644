// Side by side, any two languages. Without JavaScript the page shows English beside the page's language
// (and links to the other languages' pages). This script shows the two menus and fills a column with
// another language, taken from that language's own side-by-side page: same site, same unit ids.
(function () {
  "use strict";
  var table = document.querySelector("table.vp-parallel");
  var form = document.querySelector("form.vp-pair-form");
  if (!table || !form) return;

  // Where each language's cells can be found: this page holds two, the links name the others.
  var pages = {};
  table.dataset.pair.split(" ").forEach(function (lang) { pages[lang] = Promise.resolve(document); });
  document.querySelectorAll(".vp-pairs a[hreflang]").forEach(function (link) {
    pages[link.hreflang] = null;
    pages[link.hreflang + ":url"] = link.href;
  });

  function load(lang) {
    if (!pages[lang]) {
      pages[lang] = fetch(pages[lang + ":url"], { credentials: "same-origin" })
        .then(function (response) { return response.text(); })
        .then(function (html) { return new DOMParser().parseFromString(html, "text/html"); });
    }
    return pages[lang];
  }

  function fill(column, option) {
    var lang = option.value, dir = option.dataset.dir;
    return load(lang).then(function (doc) {
      var found = {};
      doc.querySelectorAll("table.vp-parallel [data-unit][lang='" + lang + "']").forEach(function (cell) {
        found[cell.dataset.unit] = cell;
      });
      table.querySelectorAll("tr").forEach(function (row) {
        var cell = row.children[column];
        if (!cell) return;
        var source = cell.dataset.unit ? found[cell.dataset.unit] : null;
        if (cell.dataset.unit && !source) return;
        cell.lang = lang;
        cell.dir = dir;
        if (source) cell.replaceChildren.apply(cell, Array.from(source.childNodes, function (n) { return document.importNode(n, true); }));
        else cell.textContent = option.textContent; // the column heading
      });
    });
  }

  var menus = [form.elements.first, form.elements.second];
  table.dataset.pair.split(" ").forEach(function (lang, i) { menus[i].value = lang; });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    Promise.all(menus.map(function (menu, i) { return fill(i, menu.selectedOptions[0]); }))
      .then(function () { table.dataset.pair = menus[0].value + " " + menus[1].value; });
  });
  form.hidden = false;
})();
