// The site's own script, on every page (deferred; minified into the site by scripts/engine/hooks.py): search,
// then the copy buttons. One file, so that a first visit makes one request for both.

// Search (Pagefind's Component UI, scripts/search.py), loaded when a reader opens it: before that the page
// fetches nothing for search. The button in the header (overrides/partials/header.html) is hidden until this
// script runs, as search needs JavaScript. Its data-vp-root is the URL of this edition and language, where
// its own index is (pagefind/): results are of the edition and language being read.
(() => {
  const button = document.querySelector("[data-vp-search]");
  if (!button) return;
  const root = new URL(button.dataset.vpRoot, location.href);
  const bundle = new URL("pagefind/", root);
  let ready = null;

  function load() {
    ready = ready || new Promise((resolve, reject) => {
      const style = document.createElement("link");
      style.rel = "stylesheet";
      style.href = new URL("pagefind-component-ui.css", bundle).href;
      document.head.append(style);
      // Configured before the components start: where the index is, and the base of the result links.
      const config = document.createElement("pagefind-config");
      config.setAttribute("bundle-path", bundle.pathname);
      config.setAttribute("base-url", root.pathname);
      const modal = document.createElement("pagefind-modal");
      modal.id = "vp-search";
      document.body.append(config, modal);
      const script = document.createElement("script");
      script.src = new URL("pagefind-component-ui.js", bundle).href;
      script.onload = () => customElements.whenDefined("pagefind-modal").then(() => resolve(modal));
      script.onerror = () => { ready = null; reject(new Error("search could not be loaded")); };
      document.head.append(script);
    });
    return ready;
  }

  function open() {
    load().then((modal) => requestAnimationFrame(() => modal.open()));
  }

  button.hidden = false;
  button.addEventListener("click", open);
  // Other buttons that open it (the 404 page's), in paragraphs hidden until search can run.
  document.querySelectorAll("[data-vp-search-open]").forEach((other) => {
    other.addEventListener("click", open);
    other.closest("[hidden]")?.removeAttribute("hidden");
  });
  // "/" opens search from anywhere but a text field (Material's own shortcut for its search).
  document.addEventListener("keydown", (event) => {
    const target = event.target;
    const typing = target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      open();
    }
  });
})();

// "Cite this" boxes (scripts/render/cite.py): reveal each copy button and copy its citation. Paragraph
// numbers (scripts/render/page.py Page.pin): each is a plain link to its paragraph; this adds beside it a
// button that copies the paragraph's permanent address (the page's canonical URL and the paragraph's anchor).
// Without JavaScript, or without the Clipboard API, there are no buttons: the citation is selectable text and
// each number's link can be copied as any link.
(function () {
  "use strict";
  if (!navigator.clipboard) {
    return;
  }
  // After a copy: show(false) says "copied", and two seconds later show(true) puts the label back.
  function flash(show) {
    return function () {
      show(false);
      window.setTimeout(function () { show(true); }, 2000);
    };
  }
  document.querySelectorAll("button.vp-copy[data-cite-target]").forEach(function (button) {
    var label = button.textContent;
    button.setAttribute("aria-live", "polite");
    button.hidden = false;
    button.addEventListener("click", function () {
      var citation = document.getElementById(button.dataset.citeTarget);
      navigator.clipboard.writeText(citation.textContent.trim()).then(flash(function (back) {
        button.textContent = back ? label : button.dataset.copied;
      }));
    });
  });
  // Material Design's "link" icon, as Material for MkDocs ships it (.icons/material/link.svg, Apache 2.0).
  var ICON = "M3.9 12c0-1.71 1.39-3.1 3.1-3.1h4V7H7a5 5 0 0 0-5 5 5 5 0 0 0 5 5h4v-1.9H7c-1.71 0-3.1-1.39-3.1-3.1M8 " +
    "13h8v-2H8zm9-6h-4v1.9h4c1.71 0 3.1 1.39 3.1 3.1s-1.39 3.1-3.1 3.1h-4V17h4a5 5 0 0 0 5-5 5 5 0 0 0-5-5";
  var canonical = document.querySelector("link[rel=canonical]");
  var base = (canonical ? canonical.href : location.href).split("#")[0];
  document.querySelectorAll("a.vp-pin[data-copy]").forEach(function (pin) {
    var button = document.createElement("button");
    var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    var path = document.createElementNS("http://www.w3.org/2000/svg", "path");
    button.type = "button";
    button.className = "vp-pin-copy";
    button.title = pin.dataset.copy;
    button.setAttribute("aria-label", pin.dataset.copy);
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    path.setAttribute("d", ICON);
    svg.append(path);
    button.append(svg);
    pin.after(button);
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(base + pin.getAttribute("href")).then(flash(function (back) {
        var text = back ? pin.dataset.copy : pin.dataset.copied;
        button.title = text;
        button.setAttribute("aria-label", text);
        button.classList.toggle("vp-done", !back);
      }));
    });
  });
})();
