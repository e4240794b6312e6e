// Small progressive enhancements; every page works without JavaScript.
// No inline scripts anywhere: the Content-Security-Policy forbids them.
document.addEventListener("change", (event) => {
  const target = event.target;
  if (target instanceof HTMLSelectElement && target.hasAttribute("data-autosubmit")) {
    target.form?.requestSubmit();
  }
});
document.addEventListener("htmx:configRequest", (event) => {
  const token = document.querySelector("input[name=csrfmiddlewaretoken]");
  if (token) event.detail.headers["X-CSRFToken"] = token.value;
});
document.addEventListener("click", (event) => {
  const target = event.target;
  if (target instanceof HTMLElement && target.hasAttribute("data-print")) window.print();
});
// A page for nobody signed in (the sign-in page after signing out, or after the session
// ended): forget any htmx history snapshot a signed-in page may have left in this browser.
document.addEventListener("DOMContentLoaded", () => {
  if (document.body.hasAttribute("data-signed-in")) return;
  for (const storage of [window.sessionStorage, window.localStorage]) {
    try {
      storage.removeItem("htmx-history-cache");
    } catch (error) {
      // storage disabled: nothing was kept
    }
  }
});
