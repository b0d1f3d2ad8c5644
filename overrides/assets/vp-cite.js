// "Cite this" boxes (scripts/render/cite.py): reveal each copy button and copy its citation. Without
// JavaScript, or without the Clipboard API, the buttons stay hidden and the citation is selectable text.
(function () {
  "use strict";
  if (!navigator.clipboard) {
    return;
  }
  document.querySelectorAll("button.vp-copy[data-cite-target]").forEach(function (button) {
    var label = button.textContent;
    button.setAttribute("aria-live", "polite");
    button.hidden = false;
    button.addEventListener("click", function () {
      var citation = document.getElementById(button.dataset.citeTarget);
      navigator.clipboard.writeText(citation.textContent.trim()).then(function () {
        button.textContent = button.dataset.copied;
        window.setTimeout(function () { button.textContent = label; }, 2000);
      });
    });
  });
})();
