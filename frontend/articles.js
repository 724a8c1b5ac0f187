// The article list: search, paging, adding articles (paste, file, URL),
// and the tools of the open article (re-extract, delete). The reader says
// which article is open by the `article-opened` event, so the list and
// the reader do not import each other in a circle.

import { $, fill, el, toast, busy, confirmDialog } from "./dom.js";
import { api } from "./api.js";
import { state, roleAtLeast } from "./state.js";
import { openArticle, closeArticle } from "./review.js";


export async function loadArticles(reset) {
  const params = new URLSearchParams({ limit: "50" });
  if (state.query) params.set("q", state.query);
  if (!reset && state.cursor) params.set("after", state.cursor);
  const page = await api("GET", `/articles?${params}`);
  state.articles = reset ? page.items : state.articles.concat(page.items);
  state.cursor = page.next_cursor;
  for (const a of page.items) state.titles.set(a.id, a.title || "(untitled)");
  renderArticleList();
}

function renderArticleList() {
  const list = $("#article-list");
  fill(list,
    ...state.articles.map((a) =>
      el("li", { "aria-current": state.article?.id === a.id ? "true" : null, "data-id": a.id },
        el("a", { href: `#article=${a.id}` }, a.title || "(untitled)"),
        el("small", {}, [a.outlet, new Date(a.created_at).toLocaleDateString()].filter(Boolean).join(" · ")))),
  );
  if (!state.articles.length) {
    list.append(el("li", { class: "hint" }, state.query
      ? `No article title or outlet matches “${state.query}”. Clear the search, or search claims in the Queue.`
      : roleAtLeast("checker") ? "No articles yet. Add one below." : "No articles yet."));
  }
  $("#more-articles").hidden = !state.cursor;
}

export function setupArticles() {
  $("#more-articles").addEventListener("click", () => loadArticles(false));
  $("#article-search").addEventListener("submit", (ev) => {
    ev.preventDefault();
    state.query = ev.target.q.value.trim();
    loadArticles(true);
  });
  // Three ways in, one answer: the stored article, opened.
  const added = async (res, form) => {
    form.reset();
    $("#new-article").open = false;
    toast(res.created ? `Stored with ${res.claim_count} claims` : "Already stored: opening it");
    await loadArticles(true);
    location.hash = `article=${res.article.id}`;
  };
  $("#paste-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const f = ev.target;
    const body = { body: f.body.value };
    for (const k of ["title", "outlet", "url"]) if (f[k].value.trim()) body[k] = f[k].value.trim();
    busy(f, "Extracting…", async () => added(await api("POST", "/articles", body), f));
  });
  $("#upload-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const f = ev.target;
    const file = f.file.files[0];
    busy(f, "Uploading…", async () => {
      const data = new FormData();
      const title = f.title.value.trim() || await titleFromFile(file);
      if (title) data.append("title", title);
      if (f.outlet.value.trim()) data.append("outlet", f.outlet.value.trim());
      data.append("file", file);
      added(await api("POST", "/articles", data), f);
    });
  });
  $("#fetch-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const f = ev.target;
    const body = { url: f.url.value.trim() };
    if (f.outlet.value.trim()) body.outlet = f.outlet.value.trim();
    busy(f, "Fetching…", async () => added(await api("POST", "/articles/fetch", body), f));
  });
}

// A title for a text or Markdown file given none: its first line when that
// reads as a heading, else the file name. HTML pages bring their <title>,
// which the server takes.
async function titleFromFile(file) {
  if (/\.html?$/i.test(file.name)) return null;
  const head = await file.slice(0, 4096).text();
  const line = head.split(/\r?\n/).map((s) => s.trim()).find(Boolean) || "";
  const heading = line.replace(/^#+\s*/, "");
  if (heading && heading.length <= 120 && !heading.includes("\uFFFD")) return heading;
  return file.name.replace(/\.[^.]+$/, "");
}

export async function reextract() {
  const a = state.article;
  const button = $("#reextract");
  button.disabled = true;
  button.textContent = "Re-extracting…";
  try {
    const r = await api("POST", `/articles/${a.id}/reextract`);
    state.article = null;
    await openArticle(a.id);
    $("#reextract-result").textContent =
      `Re-extracted: ${r.kept} kept, ${r.updated} moved to a new span, ${r.added} added, ${r.removed} removed. Claims with review work are never dropped.`;
  } catch (e) {
    toast(e.message);
    button.disabled = false;
    button.textContent = "Re-extract";
  }
}

export async function deleteArticle() {
  const a = state.article;
  const worked = state.claims.filter((c) => c.status !== "unreviewed").length;
  const ok = await confirmDialog(
    `Delete “${a.title || "(untitled)"}”? It disappears from the lists and the queue. ` +
    `Its ${state.claims.length} claims${worked ? ` (${worked} with review work)` : ""}, their verdicts, evidence and history are kept for the record.`,
    "Delete article");
  if (!ok) return;
  try {
    await api("DELETE", `/articles/${a.id}`);
    state.titles.delete(a.id);
    toast(`Deleted “${a.title || "(untitled)"}”; its reviewed claims stay on record.`);
    closeArticle("Article deleted. Choose another article.");
    await loadArticles(true);
  } catch (e) { toast(e.message); }
}


// The open article's tools, in the slot the reader leaves for them.
document.addEventListener("article-opened", () => {
  renderArticleList();
  const slot = $("#article-tools");
  if (!slot) return;
  fill(slot, roleAtLeast("editor") && [
    el("button", { type: "button", id: "edit-article", onclick: editDetails }, "Edit details…"),
    el("button", { type: "button", id: "reextract", onclick: reextract }, "Re-extract"),
    el("button", { type: "button", id: "delete-article", class: "danger", onclick: deleteArticle }, "Delete article…"),
  ]);
});

// Title, outlet, URL and date of the open article (the body, which claims
// point into, is not editable).
function editDetails() {
  const a = state.article;
  if ($("#article-details")) { $("#article-details [name=title]").focus(); return; }
  const date = a.published_at ? a.published_at.slice(0, 10) : "";
  const form = el("form", { id: "article-details", class: "grid-form card", onsubmit: (ev) => {
    ev.preventDefault();
    const f = ev.target;
    const body = {};
    const set = (k, v) => { if ((v || null) !== (a[k] || null)) body[k] = v || null; };
    set("title", f.title.value.trim());
    set("outlet", f.outlet.value.trim());
    set("url", f.url.value.trim());
    // A date typed keeps the stored time of day when the day is the same.
    if (f.published.value !== date) body.published_at = f.published.value ? `${f.published.value}T00:00:00Z` : null;
    if (!Object.keys(body).length) { form.remove(); return; }
    busy(f, "Saving…", async () => {
      const meta = await api("PATCH", `/articles/${a.id}`, body);
      Object.assign(state.article, meta);
      const i = state.articles.findIndex((x) => x.id === a.id);
      if (i >= 0) Object.assign(state.articles[i], meta);
      state.titles.set(a.id, meta.title || "(untitled)");
      form.remove();
      await openArticle(a.id);
      toast("Details saved");
    });
  } },
  el("h2", {}, "Article details"),
  el("label", {}, "Title", el("input", { name: "title", value: a.title || "", maxlength: 2000 })),
  el("label", {}, "Outlet", el("input", { name: "outlet", value: a.outlet || "", maxlength: 2000 })),
  el("label", {}, "Original URL", el("input", { name: "url", type: "url", value: a.url || "" })),
  el("label", {}, "Published", el("input", { name: "published", type: "date", value: date })),
  el("p", { class: "actions" }, el("button", { type: "submit", class: "primary" }, "Save details"), el("button", { type: "button", onclick: () => form.remove() }, "Cancel")),
  el("p", { class: "error", role: "alert" }));
  $("#article-tools").after(form);
  $("[name=title]", form).focus();
}
