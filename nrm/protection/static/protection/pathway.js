// htmx leaves 4xx answers unswapped. The pathway forms answer a refusal (409) or bad input
// (400) with the status panel and the reason, so let those answers replace the panel.
document.addEventListener("htmx:beforeSwap", (event) => {
  const status = event.detail.xhr.status;
  const element = event.detail.requestConfig && event.detail.requestConfig.elt;
  if ((status === 400 || status === 409) && element && element.closest("[data-swap-errors]")) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
