// On the screening form: the language whose guide the inspector shows is the leaflet
// handed out, so tapping it fills in "Leaflet handed out in" (the screening's existing
// record), which the inspector can still change. The guide itself opens in a new tab.
// A static file: the Content-Security-Policy forbids inline scripts.
(() => {
  "use strict";
  const select = document.querySelector("select[name='leaflet_language']");
  if (!select) return;
  for (const link of document.querySelectorAll("[data-guide-for-screening] [data-leaflet-code]")) {
    link.addEventListener("click", () => {
      const code = link.getAttribute("data-leaflet-code");
      if (![...select.options].some((option) => option.value === code)) return;
      select.value = code;
      // The draft keeper (inspections/draft.js) saves on change.
      select.dispatchEvent(new Event("change", { bubbles: true }));
    });
  }
})();
