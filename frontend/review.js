// The article desk: the article list, adding articles (paste, file, URL),
// the reader with highlighted claims, and the panel of the selected claim.

import { $, fill, $$, el, toast, label, pct, busy } from "./dom.js";
import { api } from "./api.js";
import { state, roleAtLeast, may, personName } from "./state.js";

// ---- articles --------------------------------------------------------------

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
      ? `No article title matches “${state.query}”. Clear the search, or search claims in the Queue.`
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

let opening = 0;

export async function openArticle(id, claimId) {
  // Only the last article asked for is shown, whichever answer comes first.
  const ticket = ++opening;
  // Coming back to the open article keeps the claim that was selected.
  if (!claimId && state.article?.id === id) claimId = current()?.id;
  const a = await api("GET", `/articles/${id}`);
  if (ticket !== opening || !state.me) return;
  state.article = a;
  state.claims = a.claims;
  state.selected = -1;
  state.titles.set(a.id, a.title || "(untitled)");
  renderArticleList();
  renderArticle();
  const i = claimId ? state.claims.findIndex((c) => c.id === claimId) : -1;
  if (i >= 0) select(i);
  else renderPanel();
}

function setHash() {
  const c = current();
  history.replaceState(null, "", `#article=${state.article.id}${c ? `&claim=${c.id}` : ""}`);
}

// Report formats the server renders: [query value, link text].
// Print view, Markdown and ClaimReview hold approved verdicts only (the
// server's default for what may be published); the working copy holds all.
const REPORTS = [["html", "print view"], ["html&include=all", "working copy"], ["markdown", "Markdown"], ["csv", "CSV"], ["json", "JSON"], ["claimreview", "ClaimReview"]];

// Offsets are Unicode code points; JavaScript strings index UTF-16 units, so
// the body is split into code points once and sliced from that array.
function renderArticle() {
  const a = state.article;
  const cps = Array.from(a.body);
  const marks = [];
  state.claims.forEach((c, i) => {
    const pieces = Array.isArray(c.content_pieces) && c.content_pieces.length ? c.content_pieces : [{ start: c.content_start, end: c.content_end }];
    for (const p of pieces) marks.push({ start: p.start, end: p.end, i, role: "content" });
    if (c.source_start !== null) marks.push({ start: c.source_start, end: c.source_end, i, role: "source" });
    if (c.cue_start !== null) marks.push({ start: c.cue_start, end: c.cue_end, i, role: "cue" });
  });
  const cuts = new Set([0, cps.length]);
  for (const m of marks) { cuts.add(Math.max(0, Math.min(m.start, cps.length))); cuts.add(Math.max(0, Math.min(m.end, cps.length))); }
  const points = [...cuts].sort((x, y) => x - y);
  const rank = { cue: 0, source: 1, content: 2 };
  const body = el("div", { class: "body" });
  for (let k = 0; k + 1 < points.length; k++) {
    const [s, e] = [points[k], points[k + 1]];
    const text = cps.slice(s, e).join("");
    const covering = marks.filter((m) => m.start <= s && m.end >= e).sort((x, y) => rank[x.role] - rank[y.role]);
    if (!covering.length) { body.append(text); continue; }
    const m = covering[0];
    const c = state.claims[m.i];
    body.append(el("span", {
      class: `c role-${m.role} st-${c.status}${c.not_a_claim ? " dismissed" : ""}${m.i === state.selected ? " selected" : ""}`,
      "data-claim": m.i, title: `${label(c.kind)} · ${label(c.status)}${c.speaker ? " · " + c.speaker : ""}`,
      onclick: () => select(m.i),
    }, text));
  }
  // Counts by status, from the claims already loaded.
  const counts = {};
  for (const c of state.claims) if (!c.not_a_claim) counts[c.status] = (counts[c.status] || 0) + 1;
  const statusLine = (state.workflow?.statuses || []).filter((s) => counts[s])
    .map((s) => el("span", { class: `pill st-${s}` }, `${counts[s]} ${label(s)}`));
  const meta = [a.outlet, a.published_at && new Date(a.published_at).toLocaleDateString(), `${state.claims.length} ${state.claims.length === 1 ? "claim" : "claims"}`].filter(Boolean).join(" · ");
  const tools = roleAtLeast("editor") ? el("p", { class: "actions article-tools" },
    el("button", { type: "button", id: "reextract", onclick: reextract }, "Re-extract"),
    el("button", { type: "button", id: "delete-article", class: "danger", onclick: deleteArticle }, "Delete article…")) : null;
  fill($("#reader"),
    el("h1", {}, a.title || "(untitled)"),
    el("p", { class: "meta" }, meta, a.url ? [" · ", el("a", { href: a.url, rel: "noopener noreferrer", target: "_blank" }, "original")] : null),
    statusLine.length ? el("p", { class: "counts" }, statusLine) : null,
    el("p", { class: "meta reports" }, "Report: ", REPORTS.flatMap(([fmt, name], k) => [
      k ? " · " : null,
      el("a", { href: `/api/v1/articles/${a.id}/report?format=${fmt}`, target: fmt.startsWith("html") ? "_blank" : null }, name),
    ])),
    tools,
    el("p", { class: "notice", id: "reextract-result", role: "status" }),
    body,
  );
}

async function reextract() {
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

async function deleteArticle() {
  const a = state.article;
  const worked = state.claims.filter((c) => c.status !== "unreviewed").length;
  const dialog = $("#confirm");
  $("#confirm-text").textContent =
    `Delete “${a.title || "(untitled)"}”? It disappears from the lists and the queue. ` +
    `Its ${state.claims.length} claims${worked ? ` (${worked} with review work)` : ""}, their verdicts, evidence and history are kept for the record.`;
  $("#confirm-ok").textContent = "Delete article";
  dialog.returnValue = "";
  dialog.showModal();
  await new Promise((r) => dialog.addEventListener("close", r, { once: true }));
  if (dialog.returnValue !== "ok") return;
  try {
    await api("DELETE", `/articles/${a.id}`);
    state.article = null;
    state.claims = [];
    state.titles.delete(a.id);
    toast(`Deleted “${a.title || "(untitled)"}”; its reviewed claims stay on record.`);
    await loadArticles(true);
    history.replaceState(null, "", location.pathname);
    fill($("#reader"), el("p", { class: "hint" }, "Article deleted. Choose another article."));
    renderPanel();
  } catch (e) { toast(e.message); }
}

// ---- the selected claim ----------------------------------------------------

export function select(i) {
  if (!state.claims.length) return;
  state.selected = Math.max(0, Math.min(i, state.claims.length - 1));
  for (const n of $$(".c.selected")) n.classList.remove("selected");
  const spans = $$(`.c[data-claim="${state.selected}"]`);
  spans.forEach((n) => n.classList.add("selected"));
  spans[0]?.scrollIntoView({ block: "center", behavior: "smooth" });
  setHash();
  renderPanel();
}

function current() { return state.claims[state.selected]; }

async function patch(changes) {
  const c = current();
  try {
    const updated = await api("PATCH", `/claims/${c.id}`, { ...changes, version: c.version });
    Object.assign(c, updated);
    renderArticle();
    select(state.selected);
  } catch (e) {
    if (e.code === "stale_version" && e.body?.current) {
      Object.assign(c, e.body.current);
      renderArticle();
      select(state.selected);
      toast("Someone changed this claim meanwhile; showing their version. Try again.");
    } else {
      toast(e.message + (e.body?.allowed ? ` (allowed: ${e.body.allowed.join(", ")})` : ""));
    }
  }
}

const assignToMe = () => patch({ assignee_id: state.me.id });

function assignment(c) {
  const who = el("dd", { id: "assignee" }, c.assignee_id ? personName(c.assignee_id) : "nobody");
  if (!may(c, "assign")) return [el("dt", {}, "Assignee"), who];
  const pick = el("select", { id: "assign-to", "aria-label": "Assign to" },
    el("option", { value: "" }, "— assign to —"),
    (state.people || []).map((p) => el("option", { value: p.id, selected: p.id === c.assignee_id }, `${p.name} (${p.role})`)));
  pick.addEventListener("change", () => pick.value && patch({ assignee_id: pick.value }));
  return [el("dt", {}, "Assignee"), el("dd", { class: "assign" }, who, el("span", { class: "actions" },
    c.assignee_id !== state.me.id && el("button", { type: "button", id: "assign-me", onclick: assignToMe }, "Assign to me (m)"),
    state.people && pick,
    c.assignee_id && el("button", { type: "button", id: "unassign", onclick: () => patch({ assignee_id: null }) }, "Unassign")))];
}

export async function renderPanel() {
  const panel = $("#panel");
  const c = current();
  if (!c) {
    fill(panel, el("p", { class: "hint" }, !state.article ? "" : state.claims.length ? "Press j to review the first claim." : "No claims in this article."));
    return;
  }
  if (!c.allowed_actions) {
    // Lists carry no per-user rules; the claim itself does.
    try {
      Object.assign(c, await api("GET", `/claims/${c.id}`));
    } catch (e) { toast(e.message); }
    if (current() !== c) return;
  }
  const verdictSelect = el("select", { id: "verdict", "aria-label": "Verdict" },
    el("option", { value: "" }, "— verdict —"),
    state.verdicts.map((v) => el("option", { value: v.label, selected: c.verdict === v.label }, label(v.label))));
  const note = el("textarea", { id: "note", rows: 2, placeholder: "Verdict note", "aria-label": "Verdict note" }, c.verdict_note || "");
  const actions = el("div", { class: "actions" },
    may(c, "start_review") && el("button", { onclick: () => patch({ status: "in_progress" }) }, "Start (s)"),
    may(c, "propose_verdict") && el("button", { class: "primary", onclick: proposeVerdict }, "Propose verdict (p)"),
    may(c, "approve") && el("button", { class: "primary", onclick: () => patch({ status: "approved" }) }, "Approve (a)"),
    (may(c, "send_back") || may(c, "reopen")) && el("button", { onclick: () => patch({ status: "in_progress" }) }, may(c, "reopen") ? "Reopen (r)" : "Send back (r)"),
    may(c, "correct_extraction") && el("button", { onclick: () => patch({ not_a_claim: !c.not_a_claim }) }, c.not_a_claim ? "Restore as claim (x)" : "Not a claim (x)"),
  );
  const evidence = el("ul", { class: "items", id: "evidence-list" }, el("li", { class: "hint" }, "Loading…"));
  const comments = el("ul", { class: "items", id: "comment-list" }, el("li", { class: "hint" }, "Loading…"));
  const history = el("ul", { class: "items", id: "history-list" }, el("li", { class: "hint" }, "Loading…"));
  fill(panel,
    el("h2", {}, `Claim ${state.selected + 1} of ${state.claims.length} `, el("span", { class: `pill st-${c.status}` }, label(c.status))),
    el("dl", {},
      el("dt", {}, "Kind"), el("dd", {}, label(c.kind)),
      el("dt", {}, "Speaker"), el("dd", {}, c.speaker || "—"),
      el("dt", {}, "Source"), el("dd", {}, c.source_text || "—"),
      el("dt", {}, "Cue"), el("dd", {}, c.cue_text || "—"),
      el("dt", {}, "Content"), el("dd", {}, c.content_text),
      el("dt", {}, "Check-worthy"), el("dd", {}, pct(c.checkworthiness)),
      el("dt", {}, "Verdict"), el("dd", {}, c.verdict ? label(c.verdict) : "—"),
      assignment(c),
    ),
    may(c, "edit_verdict") ? el("form", { onsubmit: (ev) => { ev.preventDefault(); proposeVerdict(); } }, verdictSelect, note) : null,
    actions,
    el("section", {}, el("h2", {}, "Evidence"), evidence, may(c, "add_evidence") ? evidenceForm(c) : null),
    el("section", {}, el("h2", {}, "Comments"), comments, may(c, "comment") ? commentForm(c) : null),
    el("section", {}, el("details", {}, el("summary", {}, "History"), history)),
  );
  const [ev, cm, hist] = await Promise.all([
    api("GET", `/claims/${c.id}/evidence`).catch(() => []),
    api("GET", `/claims/${c.id}/comments`).catch(() => []),
    api("GET", `/claims/${c.id}/history?limit=50`).catch(() => ({ items: [] })),
  ]);
  if (current() !== c) return;
  fill(evidence, ...(ev.length ? ev.map((x) => el("li", {},
    el("span", { class: `stance-${x.stance}` }, label(x.stance)), " ",
    el("a", { href: x.url, rel: "noopener noreferrer", target: "_blank" }, x.title || x.url),
    x.excerpt ? el("div", {}, el("small", {}, x.excerpt)) : null)) : [el("li", { class: "hint" }, "None yet.")]));
  fill(history, ...(hist.items.length ? hist.items.map((x) => el("li", {}, label(x.action),
    "assignee_id" in (x.after || {}) ? ` → ${x.after.assignee_id ? personName(x.after.assignee_id) : "nobody"}` : null, " ",
    el("small", {}, [x.actor_id ? personName(x.actor_id) : "the system", new Date(x.at).toLocaleString()].join(" · ")))) : [el("li", { class: "hint" }, "Nothing yet.")]));
  fill(comments, ...(cm.length ? cm.map((x) => el("li", {}, x.body, " ",
    el("small", {}, new Date(x.created_at).toLocaleString()))) : [el("li", { class: "hint" }, "None yet.")]));
}

function proposeVerdict() {
  const verdict = $("#verdict")?.value;
  if (!verdict) { $("#verdict")?.focus(); toast("Choose a verdict first (v)"); return; }
  patch({ status: "verdict_proposed", verdict, verdict_note: $("#note").value || null });
}

function evidenceForm(c) {
  return el("form", { id: "evidence-form", onsubmit: async (ev) => {
    ev.preventDefault();
    const f = ev.target;
    try {
      await api("POST", `/claims/${c.id}/evidence`, { url: f.url.value, title: f.title.value || null, stance: f.stance.value });
      renderPanel();
    } catch (e) { toast(e.message); }
  } },
  el("input", { name: "url", type: "url", placeholder: "https://source…", required: true, "aria-label": "Evidence URL" }),
  el("input", { name: "title", placeholder: "Title (optional)", "aria-label": "Evidence title" }),
  el("select", { name: "stance", "aria-label": "Stance" }, (state.workflow?.stances || []).map((s) => el("option", { value: s }, label(s)))),
  el("button", { type: "submit" }, "Add evidence"));
}

function commentForm(c) {
  return el("form", { id: "comment-form", onsubmit: async (ev) => {
    ev.preventDefault();
    const f = ev.target;
    try {
      await api("POST", `/claims/${c.id}/comments`, { body: f.body.value });
      renderPanel();
    } catch (e) { toast(e.message); }
  } },
  el("textarea", { name: "body", rows: 2, required: true, placeholder: "Comment", "aria-label": "Comment" }),
  el("button", { type: "submit" }, "Comment"));
}

// Keys of the article desk.
export function reviewKey(key) {
  const c = current();
  const keys = {
    j: () => select(state.selected + 1),
    k: () => select(state.selected - 1),
    s: () => may(c, "start_review") && patch({ status: "in_progress" }),
    v: () => $("#verdict")?.focus(),
    p: () => may(c, "propose_verdict") && proposeVerdict(),
    a: () => may(c, "approve") && patch({ status: "approved" }),
    r: () => (may(c, "send_back") || may(c, "reopen")) && patch({ status: "in_progress" }),
    x: () => may(c, "correct_extraction") && patch({ not_a_claim: !c.not_a_claim }),
    m: () => may(c, "assign") && c.assignee_id !== state.me.id && assignToMe(),
    e: () => $("#evidence-form [name=url]")?.focus(),
    c: () => $("#comment-form [name=body]")?.focus(),
  };
  const f = keys[key];
  if (f) f();
  return !!f;
}
