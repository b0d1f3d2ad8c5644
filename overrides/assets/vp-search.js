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
