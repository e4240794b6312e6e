// The case page's forms answer bad input (400) and a refusal (409) with their section and
// the reason; htmx leaves 4xx answers unswapped, so let those replace the section.
document.addEventListener("htmx:beforeSwap", (event) => {
  const status = event.detail.xhr.status;
  const element = event.detail.requestConfig && event.detail.requestConfig.elt;
  if ((status === 400 || status === 409) && element && element.closest("[data-swap-errors]")) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
