// claimdesk review frontend: plain DOM, no build step. The session lives in
// an HttpOnly cookie set by the login call; writes carry the page's Origin,
// which the server checks (CSRF).
"use strict";

const $ = (sel, root = document) => root.querySelector(sel);
const state = { me: null, verdicts: [], articles: [], cursor: null, article: null, claims: [], selected: -1, query: "" };

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (k === "class") node.className = v;
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || `HTTP ${status}`);
    this.status = status;
    this.code = body && body.error;
    this.body = body;
  }
}

async function api(method, path, body, headers = {}) {
  const init = { method, headers: { ...headers }, credentials: "same-origin" };
  if (body !== undefined) {
    init.headers["content-type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const resp = await fetch(`/api/v1${path}`, init);
  if (resp.status === 204) return null;
  const data = await resp.json().catch(() => null);
  if (!resp.ok) {
    if (resp.status === 401 && path !== "/auth/login") showLogin();
    throw new ApiError(resp.status, data);
  }
  return data;
}

function toast(message) {
  let t = $("#toast");
  if (!t) {
    t = el("div", { id: "toast", role: "status" });
    document.body.append(t);
  }
  t.textContent = message;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => t.remove(), 3500);
}

const label = (s) => (s || "").replaceAll("_", " ");
// Roles, transitions, stances and the verdict scale come from GET /workflow;
// what the signed-in user may do to a claim comes with the claim
// (`allowed_actions`), so the browser never copies a rule.
const roleAtLeast = (r) => {
  const roles = state.workflow?.roles || [];
  return roles.indexOf(state.me?.role) >= roles.indexOf(r) && roles.includes(r);
};
const may = (c, action) => (c?.allowed_actions || []).includes(action);

// ---- session ---------------------------------------------------------------

function showLogin() {
  $("#desk").hidden = true;
  $("#logout").hidden = true;
  $("#who").textContent = "";
  $("#login-view").hidden = false;
  $("#login-form [name=email]").focus();
}

async function start() {
  try {
    state.me = await api("GET", "/me");
  } catch {
    return showLogin();
  }
  $("#login-view").hidden = true;
  $("#desk").hidden = false;
  $("#logout").hidden = false;
  $("#who").textContent = `${state.me.name} · ${state.me.role}`;
  state.workflow = await api("GET", "/workflow").catch(() => null);
  state.verdicts = state.workflow?.verdicts || [];
  $("#new-article").hidden = !roleAtLeast("checker");
  await loadArticles(true);
  const fromHash = location.hash.match(/^#article=([0-9a-f-]{36})/);
  if (fromHash) openArticle(fromHash[1]);
  else if (state.articles[0]) openArticle(state.articles[0].id);
}

$("#login-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const f = ev.target;
  $("#login-error").textContent = "";
  try {
    await api("POST", "/auth/login", { email: f.email.value, password: f.password.value });
    f.password.value = "";
    start();
  } catch (e) {
    $("#login-error").textContent = e.message;
  }
});

$("#logout").addEventListener("click", async () => {
  await api("POST", "/auth/logout").catch(() => {});
  state.me = null;
  showLogin();
});

// ---- articles --------------------------------------------------------------

async function loadArticles(reset) {
  const params = new URLSearchParams({ limit: "50" });
  if (state.query) params.set("q", state.query);
  if (!reset && state.cursor) params.set("after", state.cursor);
  const page = await api("GET", `/articles?${params}`);
  state.articles = reset ? page.items : state.articles.concat(page.items);
  state.cursor = page.next_cursor;
  renderArticleList();
}

function renderArticleList() {
  const list = $("#article-list");
  list.replaceChildren(
    ...state.articles.map((a) =>
      el("li", { "aria-current": state.article?.id === a.id ? "true" : null, onclick: () => openArticle(a.id), "data-id": a.id },
        a.title || "(untitled)",
        el("small", {}, [a.outlet, new Date(a.created_at).toLocaleDateString()].filter(Boolean).join(" · ")))),
  );
  if (!state.articles.length) list.append(el("li", { class: "hint" }, "No articles yet."));
  $("#more-articles").hidden = !state.cursor;
}

$("#more-articles").addEventListener("click", () => loadArticles(false));
$("#article-search").addEventListener("submit", (ev) => {
  ev.preventDefault();
  state.query = ev.target.q.value.trim();
  loadArticles(true);
});

$("#new-article-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const f = ev.target;
  const err = $(".error", f);
  err.textContent = "";
  const body = { body: f.body.value };
  for (const k of ["title", "outlet", "url"]) if (f[k].value.trim()) body[k] = f[k].value.trim();
  try {
    const res = await api("POST", "/articles", body);
    f.reset();
    $("#new-article").open = false;
    toast(res.created ? `Stored with ${res.claim_count} claims` : "Already stored: opening it");
    await loadArticles(true);
    openArticle(res.article.id);
  } catch (e) {
    err.textContent = e.message;
  }
});

async function openArticle(id) {
  const a = await api("GET", `/articles/${id}`);
  state.article = a;
  state.claims = a.claims;
  state.selected = -1;
  history.replaceState(null, "", `#article=${id}`);
  renderArticleList();
  renderArticle();
  renderPanel();
}

// Report formats the server renders: [query value, link text].
const REPORTS = [["html", "print view"], ["markdown", "Markdown"], ["csv", "CSV"], ["json", "JSON"], ["claimreview", "ClaimReview"]];

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
  const meta = [a.outlet, a.published_at && new Date(a.published_at).toLocaleDateString(), `${state.claims.length} claims`].filter(Boolean).join(" · ");
  $("#reader").replaceChildren(
    el("h1", {}, a.title || "(untitled)"),
    el("p", { class: "meta" }, meta, a.url ? [" · ", el("a", { href: a.url, rel: "noopener noreferrer", target: "_blank" }, "original")] : null),
    el("p", { class: "meta reports" }, "Report: ", REPORTS.flatMap(([fmt, name], k) => [
      k ? " · " : null,
      el("a", { href: `/api/v1/articles/${a.id}/report?format=${fmt}`, target: fmt === "html" ? "_blank" : null }, name),
    ])),
    body,
  );
}

// ---- the selected claim ----------------------------------------------------

function select(i) {
  if (!state.claims.length) return;
  state.selected = Math.max(0, Math.min(i, state.claims.length - 1));
  for (const n of document.querySelectorAll(".c.selected")) n.classList.remove("selected");
  const spans = document.querySelectorAll(`.c[data-claim="${state.selected}"]`);
  spans.forEach((n) => n.classList.add("selected"));
  spans[0]?.scrollIntoView({ block: "center", behavior: "smooth" });
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

async function renderPanel() {
  const panel = $("#panel");
  const c = current();
  if (!c) {
    panel.replaceChildren(el("p", { class: "hint" }, state.claims.length ? "Press j to review the first claim." : "No claims in this article."));
    return;
  }
  const verdictSelect = el("select", { id: "verdict", "aria-label": "Verdict" },
    el("option", { value: "" }, "— verdict —"),
    state.verdicts.map((v) => el("option", { value: v.label, selected: c.verdict === v.label }, label(v.label))));
  const note = el("textarea", { id: "note", rows: 2, placeholder: "Verdict note" }, c.verdict_note || "");
  if (!c.allowed_actions) {
    // Lists carry no per-user rules; the claim itself does.
    try {
      Object.assign(c, await api("GET", `/claims/${c.id}`));
    } catch (e) { toast(e.message); }
    if (current() !== c) return;
  }
  const actions = el("div", { class: "actions" },
    may(c, "start_review") && el("button", { onclick: () => patch({ status: "in_progress" }) }, "Start (s)"),
    may(c, "propose_verdict") && el("button", { class: "primary", onclick: proposeVerdict }, "Propose verdict (p)"),
    may(c, "approve") && el("button", { class: "primary", onclick: () => patch({ status: "approved" }) }, "Approve (a)"),
    (may(c, "send_back") || may(c, "reopen")) && el("button", { onclick: () => patch({ status: "in_progress" }) }, may(c, "reopen") ? "Reopen (r)" : "Send back (r)"),
    may(c, "correct_extraction") && el("button", { onclick: () => patch({ not_a_claim: !c.not_a_claim }) }, c.not_a_claim ? "Restore as claim (x)" : "Not a claim (x)"),
  );
  const evidence = el("ul", { class: "items", id: "evidence-list" }, el("li", { class: "hint" }, "Loading…"));
  const comments = el("ul", { class: "items", id: "comment-list" }, el("li", { class: "hint" }, "Loading…"));
  panel.replaceChildren(
    el("h2", {}, `Claim ${state.selected + 1} of ${state.claims.length} `, el("span", { class: `pill st-${c.status}` }, label(c.status))),
    el("dl", {},
      el("dt", {}, "Kind"), el("dd", {}, label(c.kind)),
      el("dt", {}, "Speaker"), el("dd", {}, c.speaker || "—"),
      el("dt", {}, "Source"), el("dd", {}, c.source_text || "—"),
      el("dt", {}, "Cue"), el("dd", {}, c.cue_text || "—"),
      el("dt", {}, "Content"), el("dd", {}, c.content_text),
      el("dt", {}, "Check-worthy"), el("dd", {}, `${Math.round(c.checkworthiness * 100)}%`),
      el("dt", {}, "Verdict"), el("dd", {}, c.verdict ? label(c.verdict) : "—"),
    ),
    may(c, "edit_verdict") ? el("form", { onsubmit: (ev) => { ev.preventDefault(); proposeVerdict(); } }, verdictSelect, note) : null,
    actions,
    el("section", {}, el("h2", {}, "Evidence"), evidence, may(c, "add_evidence") ? evidenceForm(c) : null),
    el("section", {}, el("h2", {}, "Comments"), comments, may(c, "comment") ? commentForm(c) : null),
  );
  const [ev, cm] = await Promise.all([
    api("GET", `/claims/${c.id}/evidence`).catch(() => []),
    api("GET", `/claims/${c.id}/comments`).catch(() => []),
  ]);
  if (current() !== c) return;
  evidence.replaceChildren(...(ev.length ? ev.map((x) => el("li", {},
    el("span", { class: `stance-${x.stance}` }, label(x.stance)), " ",
    el("a", { href: x.url, rel: "noopener noreferrer", target: "_blank" }, x.title || x.url),
    x.excerpt ? el("div", {}, el("small", {}, x.excerpt)) : null)) : [el("li", { class: "hint" }, "None yet.")]));
  comments.replaceChildren(...(cm.length ? cm.map((x) => el("li", {}, x.body, " ",
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

// ---- keyboard --------------------------------------------------------------

document.addEventListener("keydown", (ev) => {
  const typing = ["INPUT", "TEXTAREA", "SELECT"].includes(document.activeElement?.tagName);
  if (ev.key === "Escape" && typing) { document.activeElement.blur(); return; }
  if (typing || ev.ctrlKey || ev.metaKey || ev.altKey || $("#desk").hidden) return;
  const c = current();
  const keys = {
    j: () => select(state.selected + 1),
    k: () => select(state.selected - 1),
    "?": () => $("#help").showModal(),
    s: () => may(c, "start_review") && patch({ status: "in_progress" }),
    v: () => $("#verdict")?.focus(),
    p: () => may(c, "propose_verdict") && proposeVerdict(),
    a: () => may(c, "approve") && patch({ status: "approved" }),
    r: () => (may(c, "send_back") || may(c, "reopen")) && patch({ status: "in_progress" }),
    x: () => may(c, "correct_extraction") && patch({ not_a_claim: !c.not_a_claim }),
    e: () => $("#evidence-form [name=url]")?.focus(),
    c: () => $("#comment-form [name=body]")?.focus(),
  };
  const f = keys[ev.key];
  if (f) { ev.preventDefault(); f(); }
});

start();
