// Evidence and comments of the selected claim: who added each and when,
// edit and delete for those the server says may (`may_change`), with the
// row's version as If-Match. A stale edit shows the text as it is now and
// keeps the user's draft in the form.

import { $, fill, el, toast, label, confirmDialog } from "./dom.js";
import { api } from "./api.js";
import { state, current, may, hooks } from "./state.js";

const when = (x) => new Date(x).toLocaleString();
const byline = (name, at, edited) => el("small", { class: "byline" }, `${name || "a former user"} · ${when(at)}${edited ? " · edited" : ""}`);

// Ctrl+Enter submits from a text area (Enter there is a new line).
function submitOnCtrlEnter(ev) {
  if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) {
    ev.preventDefault();
    ev.target.form?.requestSubmit();
  }
}

// One kind of attachment: where it lives and how it is shown and edited.
const KINDS = {
  evidence: {
    list: (c) => `/claims/${c.id}/evidence`,
    one: (x) => `/evidence/${x.id}`,
    what: "evidence",
    show: (x) => [
      el("span", { class: `stance stance-${x.stance}` }, label(x.stance)), " ",
      el("a", { href: x.url, rel: "noopener noreferrer", target: "_blank" }, x.title || x.url),
      x.publisher ? el("span", { class: "publisher" }, ` — ${x.publisher}`) : null,
      x.excerpt ? el("blockquote", { class: "excerpt" }, x.excerpt) : null,
      byline(x.added_by_name, x.added_at, x.version > 1),
    ],
    fields: (x) => [
      el("input", { name: "url", type: "url", placeholder: "https://source…", required: true, "aria-label": "Evidence URL", value: x?.url || "" }),
      el("input", { name: "title", placeholder: "Title", "aria-label": "Evidence title", value: x?.title || "" }),
      el("input", { name: "publisher", placeholder: "Publisher", "aria-label": "Evidence publisher", value: x?.publisher || "" }),
      el("textarea", { name: "excerpt", rows: 2, placeholder: "Excerpt: the passage that matters (Ctrl+Enter saves)", "aria-label": "Evidence excerpt", onkeydown: submitOnCtrlEnter }, x?.excerpt || ""),
      el("select", { name: "stance", "aria-label": "Stance", onkeydown: (ev) => { if (ev.key === "Enter") { ev.preventDefault(); ev.target.form?.requestSubmit(); } } },
        (state.workflow?.stances || []).map((s) => el("option", { value: s, selected: x?.stance === s }, label(s)))),
    ],
    read: (f) => ({
      url: f.url.value.trim(), title: f.title.value.trim() || null, publisher: f.publisher.value.trim() || null,
      excerpt: f.excerpt.value.trim() || null, stance: f.stance.value,
    }),
    formId: "evidence-form",
    add: "Add evidence",
    action: "add_evidence",
  },
  comments: {
    list: (c) => `/claims/${c.id}/comments`,
    one: (x) => `/comments/${x.id}`,
    what: "comment",
    show: (x) => [el("span", { class: "comment-body" }, x.body), " ", byline(x.author_name, x.created_at, x.version > 1)],
    fields: (x) => [el("textarea", { name: "body", rows: 2, required: true, placeholder: "Comment (Enter sends, Shift+Enter new line)", "aria-label": "Comment",
      onkeydown: (ev) => { if (ev.key === "Enter" && !ev.shiftKey) { ev.preventDefault(); ev.target.form?.requestSubmit(); } } }, x?.body || "")],
    read: (f) => ({ body: f.body.value }),
    formId: "comment-form",
    add: "Comment",
    action: "comment",
  },
};

export const evidenceSection = (c) => section(KINDS.evidence, c);
export const commentSection = (c) => section(KINDS.comments, c);

function section(kind, c) {
  const list = el("ul", { class: "items", id: kind === KINDS.evidence ? "evidence-list" : "comment-list" }, el("li", { class: "hint" }, "Loading…"));
  const box = el("div", {}, list, may(c, kind.action) ? addForm(kind, c) : null);
  load(kind, c, list);
  return box;
}

async function load(kind, c, list) {
  let rows;
  try {
    rows = await api("GET", kind.list(c));
  } catch (e) {
    if (current() === c) fill(list, el("li", { class: "error" }, e.message));
    return;
  }
  if (current() !== c) return;
  fill(list, ...(rows.length ? rows.map((x) => item(kind, c, x)) : [el("li", { class: "hint" }, "None yet.")]));
}

function item(kind, c, x) {
  const li = el("li", { "data-id": x.id }, kind.show(x));
  if (x.may_change) {
    li.append(el("span", { class: "item-tools" },
      el("button", { type: "button", class: "link edit", onclick: () => edit(kind, c, x, li) }, "Edit"),
      el("button", { type: "button", class: "link delete", onclick: () => remove(kind, c, x) }, "Delete")));
  }
  return li;
}

function addForm(kind, c) {
  return el("form", { id: kind.formId, onsubmit: async (ev) => {
    ev.preventDefault();
    const f = ev.target;
    const button = $("button[type=submit]", f);
    button.disabled = true;
    try {
      await api("POST", kind.list(c), kind.read(f));
      f.reset();
      hooks.changed(c, { message: `${kind.what === "evidence" ? "Evidence" : "Comment"} added` });
    } catch (e) {
      toast(e.message);
      button.disabled = false;
    }
  } }, kind.fields(null), el("button", { type: "submit" }, kind.add));
}

function edit(kind, c, x, li) {
  let version = x.version;
  const now = el("div", { class: "notice stale", role: "status" });
  const form = el("form", { class: "edit-form", onsubmit: async (ev) => {
    ev.preventDefault();
    try {
      await api("PATCH", kind.one(x), kind.read(form), { "if-match": `"${version}"` });
      hooks.changed(c, { message: `${kind.what === "evidence" ? "Evidence" : "Comment"} saved` });
    } catch (e) {
      if (e.code === "stale_version" && e.body?.current) {
        // Someone else saved first: show theirs, keep ours, and let the
        // next save knowingly replace theirs.
        version = e.body.current.version;
        x = e.body.current;
        fill(now, "Changed meanwhile by someone else; it now reads: ", el("div", { class: "current" }, kind.show(e.body.current)),
          "Your text is kept below: save again to replace it, or cancel.");
      } else toast(e.message);
    }
  }, onkeydown: (ev) => { if (ev.key === "Escape") { ev.stopPropagation(); cancel(); } } },
  now, kind.fields(x),
  el("p", { class: "actions" }, el("button", { type: "submit", class: "primary" }, "Save"), el("button", { type: "button", onclick: () => cancel() }, "Cancel")));
  // Cancelling shows the row as it is now (after a stale save, theirs).
  const cancel = () => { li.replaceWith(item(kind, c, x)); };
  fill(li, form);
  $("input, textarea", form)?.focus();
}

async function remove(kind, c, x) {
  if (!(await confirmDialog(`Delete this ${kind.what}? It stays in the claim's history.`, "Delete"))) return;
  try {
    await api("DELETE", kind.one(x), undefined, { "if-match": `"${x.version}"` });
    hooks.changed(c, { message: `${kind.what === "evidence" ? "Evidence" : "Comment"} deleted` });
  } catch (e) {
    toast(e.code === "stale_version" ? `The ${kind.what} changed meanwhile; read it again before deleting.` : e.message);
    if (e.code === "stale_version") hooks.changed(c, { focus: false });
  }
}
