// Small DOM helpers shared by every view.

export const $ = (sel, root = document) => root.querySelector(sel);
export const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (k === "class") node.className = v;
    // The default too, so a field still showing what it was given is not
    // taken for the user's unsaved draft.
    else if (k === "value") { if ("defaultValue" in node && tag !== "select") node.defaultValue = v; node.value = v; }
    // Through the CSSOM: the page's Content-Security-Policy refuses style
    // attributes written as markup.
    else if (k === "style") node.style.cssText = v;
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

export function toast(message) {
  let t = $("#toast");
  if (!t) {
    t = el("div", { id: "toast", role: "status" });
    document.body.append(t);
  }
  t.textContent = message;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => t.remove(), 4000);
}

export const label = (s) => (s || "").replaceAll("_", " ");
export const pct = (x) => `${Math.round((x || 0) * 100)}%`;

// Runs `work` with the form's submit button disabled and saying so; errors
// go, in words, into the form's `.error` line.
export async function busy(form, text, work) {
  const button = $("button[type=submit]", form);
  const err = $(".error", form);
  const was = button?.textContent;
  if (err) err.textContent = "";
  if (button) { button.disabled = true; button.textContent = text; }
  try {
    return await work();
  } catch (e) {
    if (err) err.textContent = e.message;
    else toast(e.message);
  } finally {
    if (button) { button.disabled = false; button.textContent = was; }
  }
}

// Replaces a node's children, skipping the null and false that conditional
// parts leave (replaceChildren would print them as text).
export function fill(node, ...children) {
  node.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

// The page's one confirmation dialog; resolves true when confirmed.
export async function confirmDialog(text, ok) {
  const dialog = $("#confirm");
  $("#confirm-text").textContent = text;
  $("#confirm-ok").textContent = ok;
  dialog.returnValue = "";
  dialog.showModal();
  await new Promise((r) => dialog.addEventListener("close", r, { once: true }));
  return dialog.returnValue === "ok";
}

// A short message for screen readers (the article itself is not a live
// region: re-announcing it on every change would drown the user).
export function announce(text) {
  const n = $("#announce");
  if (!n) return;
  n.textContent = "";
  setTimeout(() => { n.textContent = text; }, 30);
}
