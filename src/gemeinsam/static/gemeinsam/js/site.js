// gemeinsam: small enhancements. Every page works without them.
(() => {
  "use strict";

  // Disclosures marked data-open-wide (the menu, filter panels) are folded on a phone and open
  // from 44rem on. The stylesheet shows them there by itself (::details-content); opening them
  // serves the browsers that lack it, and keeps the open state honest for assistive technology.
  const wide = window.matchMedia("(min-width: 44rem)");
  const disclosures = document.querySelectorAll("details[data-open-wide]");
  const fit = () => disclosures.forEach((details) => { details.open = wide.matches; });
  fit();
  wide.addEventListener("change", fit);

  // Escape closes the open menu on a phone and returns to its button.
  document.addEventListener("keydown", (event) => {
    const menu = document.querySelector("details.site-menu[open]");
    if (event.key === "Escape" && menu && !wide.matches) {
      menu.open = false;
      menu.querySelector("summary").focus();
    }
  });

  // Error summary: focused when the page loads (where autofocus did not), and each link moves
  // the focus into its field rather than only scrolling there.
  const summary = document.querySelector("[data-error-summary]");
  if (summary) {
    if (document.activeElement === document.body) summary.focus();
    summary.addEventListener("click", (event) => {
      const link = event.target.closest("a[href^='#']");
      const field = link && document.getElementById(link.hash.slice(1));
      if (!field) return;
      event.preventDefault();
      const label = document.querySelector(`label[for="${field.id}"]`) || field.closest("fieldset");
      (label || field).scrollIntoView();
      field.focus({ preventScroll: true });
    });
  }
})();
