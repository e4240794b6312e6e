// The person picker (nrm/people/picker.py): reveals its search box, and a chosen result
// fills the reference input. Without JavaScript the reference input works alone.
(() => {
  if (window.nrmPersonPicker) return; // one copy per page, however many pickers
  window.nrmPersonPicker = true;
  const reveal = (root) => {
    for (const box of root.querySelectorAll("[data-picker-search][hidden]")) box.hidden = false;
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => reveal(document));
  } else {
    reveal(document);
  }
  document.addEventListener("htmx:load", (event) => {
    if (event.target instanceof Element) reveal(event.target);
  });
  document.addEventListener("click", (event) => {
    const button = event.target instanceof Element ? event.target.closest("[data-picker-choose]") : null;
    if (!(button instanceof HTMLElement)) return;
    const input = document.getElementById(button.dataset.pickerTarget || "");
    if (!(input instanceof HTMLInputElement)) return;
    input.value = button.dataset.pickerChoose || "";
    input.dispatchEvent(new Event("change", { bubbles: true }));
    const results = document.getElementById(`${input.id}-results`);
    if (results) results.replaceChildren();
    input.focus();
  });
})();
