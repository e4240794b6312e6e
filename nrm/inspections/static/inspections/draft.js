// Keeps what was typed into a form marked data-draft-key in this browser, so that a lost
// connection, a failed submission or a closed tab loses nothing; restores it on reload. The
// page that confirms the save (data-draft-clear) forgets it. Drafts expire after 12 hours.
// A static file: the Content-Security-Policy forbids inline scripts.
(() => {
  "use strict";
  const PREFIX = "nrm-draft:";
  const MAX_AGE_MS = 12 * 60 * 60 * 1000;
  let storage = null;
  try {
    storage = window.localStorage;
  } catch (error) {
    return; // storage disabled: the form still works, without drafts
  }
  if (!storage) return;

  for (const marker of document.querySelectorAll("[data-draft-clear]")) {
    storage.removeItem(PREFIX + marker.getAttribute("data-draft-clear"));
  }
  for (let i = storage.length - 1; i >= 0; i -= 1) {
    const key = storage.key(i);
    if (!key || !key.startsWith(PREFIX)) continue;
    try {
      const saved = JSON.parse(storage.getItem(key) || "{}");
      if (!saved.savedAt || Date.now() - saved.savedAt > MAX_AGE_MS) storage.removeItem(key);
    } catch (error) {
      storage.removeItem(key);
    }
  }

  const form = document.querySelector("form[data-draft-key]");
  if (!form) return;
  const key = PREFIX + form.getAttribute("data-draft-key");
  const notice = document.querySelector("[data-draft-notice]");

  const kept = (el) =>
    el.name &&
    el.name !== "csrfmiddlewaretoken" &&
    !["file", "hidden", "submit", "button", "reset", "password"].includes(el.type);

  const collect = () => {
    const values = {};
    for (const el of form.elements) {
      if (!kept(el)) continue;
      if (el.type === "checkbox" || el.type === "radio") {
        if (el.checked) (values[el.name] = values[el.name] || []).push(el.value);
      } else if (el.tagName === "SELECT" && el.multiple) {
        values[el.name] = Array.from(el.selectedOptions, (option) => option.value);
      } else {
        values[el.name] = [el.value];
      }
    }
    return values;
  };

  const apply = (values) => {
    for (const el of form.elements) {
      if (!kept(el)) continue;
      const value = values[el.name];
      if (el.type === "checkbox" || el.type === "radio") {
        el.checked = Array.isArray(value) && value.includes(el.value);
      } else if (el.tagName === "SELECT" && el.multiple) {
        for (const option of el.options) option.selected = Array.isArray(value) && value.includes(option.value);
      } else if (Array.isArray(value)) {
        el.value = value[0] || "";
      }
    }
    // Open the sections that hold ticked indicators, so nothing restored is hidden.
    for (const box of form.querySelectorAll("input[type=checkbox]:checked")) {
      let details = box.closest("details");
      while (details) {
        details.open = true;
        details = details.parentElement ? details.parentElement.closest("details") : null;
      }
    }
  };

  const save = () => {
    try {
      storage.setItem(key, JSON.stringify({ savedAt: Date.now(), values: collect() }));
    } catch (error) {
      // Storage full or refused: nothing more can be done here.
    }
  };

  if (form.getAttribute("data-draft-restore") === "yes") {
    try {
      const saved = JSON.parse(storage.getItem(key) || "null");
      if (saved && saved.values) {
        apply(saved.values);
        if (notice) notice.hidden = false;
      }
    } catch (error) {
      storage.removeItem(key);
    }
  }

  let timer = null;
  const later = () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(save, 250);
  };
  form.addEventListener("input", later);
  form.addEventListener("change", later);
  // Kept until the next page confirms the save: a submission can fail without a network.
  form.addEventListener("submit", save);

  if (notice) {
    const discard = notice.querySelector("[data-draft-discard]");
    if (discard) {
      discard.addEventListener("click", () => {
        storage.removeItem(key);
        form.reset();
        notice.hidden = true;
      });
    }
  }
})();
