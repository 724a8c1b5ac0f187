// The claims queue: claims across articles, every filter of GET /claims,
// kept in the address (`#queue&status=…`) so a view can be bookmarked,
// keyset paging, keyboard (j/k, x to pick, Enter to open) and bulk
// assignment.

import { $, fill, $$, el, toast, label, pct } from "./dom.js";
import { api } from "./api.js";
import { state, mayMove, personName } from "./state.js";

const FILTERS = ["status", "verdict", "speaker", "assignee", "kind", "min_checkworthiness", "article", "not_a_claim", "q"];
const q = { filters: {}, items: [], cursor: null, row: -1, picked: new Set() };

export function resetQueue() {
  Object.assign(q, { filters: {}, items: [], cursor: null, row: -1, picked: new Set(), sort: null });
}

const VIEWS = () => [
  ["Assigned to me", { assignee: "me" }, true],
  ["Waiting for approval", { status: "verdict_proposed" }, mayMove("verdict_proposed", "approved")],
  ["Unassigned check-worthy", { assignee: "none", min_checkworthiness: "0.5" }, true],
  ["All claims", {}, true],
];

const hashFor = (filters) => {
  const p = new URLSearchParams();
  for (const k of FILTERS) if (filters[k]) p.set(k, filters[k]);
  const s = p.toString();
  return `#queue${s ? "&" + s : ""}`;
};

// Entered from the router with the address's parameters.
export async function showQueue(params) {
  q.filters = {};
  for (const k of FILTERS) if (params.get(k)) q.filters[k] = params.get(k);
  q.items = [];
  q.cursor = null;
  q.row = -1;
  q.picked = new Set();
  q.generation = (q.generation || 0) + 1;
  renderFrame();
  await load(true);
}

function renderFrame() {
  const f = q.filters;
  const select = (name, text, options) => el("label", {}, text, el("select", { name },
    el("option", { value: "" }, "any"),
    options.map(([v, t]) => el("option", { value: v, selected: f[name] === v }, t))));
  const wf = state.workflow || {};
  const assignees = [["me", "me"], ["none", "nobody"], ...(state.people || []).filter((p) => p.id !== state.me.id).map((p) => [p.id, p.name])];
  if (f.assignee && !assignees.some(([v]) => v === f.assignee)) assignees.push([f.assignee, personName(f.assignee)]);
  const articles = state.articles.map((a) => [a.id, a.title || "(untitled)"]);
  if (f.article && !articles.some(([v]) => v === f.article)) articles.push([f.article, state.titles.get(f.article) || "this article"]);
  const form = el("form", { id: "queue-filters", class: "filters", onsubmit: (ev) => { ev.preventDefault(); apply(ev.target); }, onchange: (ev) => ev.target.name !== "q" && ev.target.name !== "speaker" && apply(ev.currentTarget) },
    el("label", { class: "wide" }, "Search claims", el("input", { name: "q", type: "search", value: f.q || "", placeholder: "words, \"a phrase\", -not" })),
    select("status", "Status", (wf.statuses || []).map((s) => [s, label(s)])),
    select("verdict", "Verdict", (wf.verdicts || []).map((v) => [v.label, label(v.label)])),
    select("kind", "Kind", (wf.kinds || []).map((k) => [k, label(k)])),
    select("assignee", "Assignee", assignees),
    el("label", {}, "Speaker", el("input", { name: "speaker", value: f.speaker || "", placeholder: "any" })),
    el("label", {}, "Check-worthy ≥", el("input", { name: "min_checkworthiness", type: "number", min: 0, max: 1, step: 0.1, value: f.min_checkworthiness || "", placeholder: "0–1" })),
    select("article", "Article", articles),
    select("not_a_claim", "Dismissed", [["false", "claims only"], ["true", "dismissed only"]]),
    el("button", { type: "submit" }, "Filter"),
  );
  const views = el("p", { class: "views", role: "toolbar", "aria-label": "Views" },
    VIEWS().filter(([, , shown]) => shown).map(([name, filters]) => {
      const active = hashFor(filters) === hashFor(f);
      return el("a", { class: `view-link${active ? " active" : ""}`, href: hashFor(filters), "aria-current": active ? "page" : null }, name);
    }));
  const bulk = state.people ? el("form", { id: "bulk", class: "bulk", onsubmit: bulkAssign },
    el("span", { id: "picked-count" }, "0 selected"),
    el("select", { name: "to", "aria-label": "Assign selected to" },
      el("option", { value: state.me.id }, "me"),
      state.people.filter((p) => p.id !== state.me.id).map((p) => el("option", { value: p.id }, p.name)),
      el("option", { value: "none" }, "nobody (unassign)")),
    el("button", { type: "submit", disabled: true }, "Assign selected")) : null;
  // Export exactly these claims: the same filters, through GET /reports.
  const exportUrl = (format, include) => {
    const p = new URLSearchParams({ ...f, format, include });
    return `/api/v1/reports?${p}`;
  };
  const exports = el("p", { class: "exports", id: "queue-export" }, "Export these claims: ",
    [["print view", "html", "approved"], ["Markdown", "markdown", "approved"], ["CSV", "csv", "all"], ["JSON Lines", "jsonl", "all"], ["JSON", "json", "all"], ["ClaimReview", "claimreview", "approved"]]
      .flatMap(([name, format, include], i) => [i ? " · " : "", el("a", { href: exportUrl(format, include), target: format === "html" ? "_blank" : null, rel: "noopener" }, name)]),
    el("span", { class: "hint" }, " (print view, Markdown and ClaimReview hold approved verdicts only; CSV, JSON Lines and Markdown hold any number of claims, the others up to 5,000)"));
  fill($("#queue-view"),
    el("h1", {}, "Claims queue"),
    views,
    form,
    exports,
    bulk,
    el("div", { class: "table-wrap" }, el("table", { id: "queue", class: "dense" },
      el("thead", {}, el("tr", {},
        state.people && el("th", { scope: "col" }, el("span", { class: "sr" }, "Pick")),
        COLUMNS.map(([h, key]) => el("th", { scope: "col", class: `col-${h.toLowerCase()}`, "aria-sort": q.sort?.key === key ? (q.sort.dir > 0 ? "ascending" : "descending") : null },
          el("button", { type: "button", class: "sort", title: "Sort the rows loaded so far", onclick: () => sortBy(key) }, h))))),
      el("tbody", {}))),
    el("p", { id: "queue-empty", class: "hint", hidden: true }),
    el("p", { class: "actions" },
      el("button", { id: "queue-more", type: "button", hidden: true, onclick: () => load(false) }, "More"),
      el("span", { class: "hint" }, state.people ? "Keys: j/k move, x pick, Enter open, m assign to me, / search" : "Keys: j/k move, Enter open, / search")),
  );
}

// Column heads sort the rows loaded so far (the server pages in creation
// order, which keeps paging fast at any size).
const COLUMNS = [["Status", (c) => (state.workflow?.statuses || []).indexOf(c.status)], ["Claim", (c) => c.content_text.toLowerCase()],
  ["Speaker", (c) => (c.speaker || "").toLowerCase()], ["Kind", (c) => c.kind], ["Worthy", (c) => c.checkworthiness],
  ["Verdict", (c) => (state.verdicts.findIndex((v) => v.label === c.verdict) + 1) || 999], ["Assignee", (c) => personName(c.assignee_id).toLowerCase()],
  ["Article", (c) => (state.titles.get(c.article_id) || "").toLowerCase()]];

function sortBy(key) {
  const dir = q.sort?.key === key ? -q.sort.dir : 1;
  q.sort = { key, dir };
  const current = q.items[q.row];
  q.items.sort((a, b) => { const [x, y] = [key(a), key(b)]; return (x < y ? -1 : x > y ? 1 : 0) * dir; });
  q.row = Math.max(0, q.items.indexOf(current));
  for (const th of $$("#queue th")) th.removeAttribute("aria-sort");
  const th = $$("#queue thead th").find((t) => t.textContent === COLUMNS.find(([, k]) => k === key)[0]);
  th?.setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
  renderRows();
}

function apply(form) {
  const next = {};
  for (const k of FILTERS) {
    const v = form.elements[k]?.value?.trim();
    if (v) next[k] = v;
  }
  location.hash = hashFor(next);
}

async function load(reset) {
  // An answer for filters no longer shown is dropped.
  const generation = q.generation;
  const p = new URLSearchParams({ ...q.filters, limit: "50" });
  if (!reset && q.cursor) p.set("after", q.cursor);
  let page;
  try {
    page = await api("GET", `/claims?${p}`);
  } catch (e) {
    if (e.status === 401 || generation !== q.generation) return;
    $("#queue-empty").hidden = false;
    $("#queue-empty").textContent = `These filters do not work: ${e.message}`;
    return;
  }
  titles(page.items);
  if (state.view !== "queue" || generation !== q.generation) return;
  q.items = reset ? page.items : q.items.concat(page.items);
  if (reset) q.sort = null;
  else if (q.sort) q.items.sort((a, b) => { const [x, y] = [q.sort.key(a), q.sort.key(b)]; return (x < y ? -1 : x > y ? 1 : 0) * q.sort.dir; });
  q.cursor = page.next_cursor;
  renderRows();
  if (reset && q.items.length) setRow(0, false);
}

// Article titles for the rows: every list item carries its article's.
function titles(items) {
  for (const c of items) state.titles.set(c.article_id, c.article_title || "(untitled)");
}

function renderRows() {
  const body = $("#queue tbody");
  if (!body) return;
  fill(body, ...q.items.map((c, i) => el("tr", { "data-id": c.id, "data-row": i, tabindex: -1, class: i === q.row ? "current" : null, onclick: (ev) => {
    if (ev.target.closest("input, a")) return;
    setRow(i, true);
  } },
  state.people && el("td", {}, el("input", { type: "checkbox", "aria-label": "Pick this claim", checked: q.picked.has(c.id), onchange: (ev) => pick(c.id, ev.target.checked) })),
  el("td", {}, el("span", { class: `pill st-${c.status}` }, label(c.status))),
  el("td", { class: "claim-text" }, el("a", { href: openHref(c) }, c.content_text), c.not_a_claim ? el("small", {}, " (not a claim)") : null),
  el("td", {}, c.speaker || "—"),
  el("td", { class: "col-kind" }, label(c.kind)),
  el("td", { class: "num" }, pct(c.checkworthiness)),
  el("td", {}, c.verdict ? label(c.verdict) : "—"),
  el("td", { class: "assignee" }, c.assignee_id ? personName(c.assignee_id) : "—"),
  el("td", { class: "col-article" }, state.titles.get(c.article_id) || ""))));
  const empty = $("#queue-empty");
  empty.hidden = q.items.length > 0;
  empty.textContent = Object.keys(q.filters).length
    ? "No claims match these filters. Loosen a filter or pick another view above."
    : "No claims yet. Add an article under Articles and its claims appear here.";
  $("#queue-more").hidden = !q.cursor;
  updateBulk();
}

const openHref = (c) => `#article=${c.article_id}&claim=${c.id}`;

function setRow(i, focus) {
  if (!q.items.length) return;
  q.row = Math.max(0, Math.min(i, q.items.length - 1));
  for (const tr of $$("#queue tr.current")) tr.classList.remove("current");
  const tr = $(`#queue tr[data-row="${q.row}"]`);
  tr?.classList.add("current");
  // The row takes the focus, so Enter opens it rather than pressing
  // whatever button was clicked last.
  if (focus) tr?.focus();
}

function pick(id, on) {
  if (on) q.picked.add(id); else q.picked.delete(id);
  const box = $(`#queue tr[data-id="${id}"] input[type=checkbox]`);
  if (box) box.checked = on;
  updateBulk();
}

function updateBulk() {
  const form = $("#bulk");
  if (!form) return;
  $("#picked-count").textContent = `${q.picked.size} selected`;
  $("button", form).disabled = q.picked.size === 0;
}

async function bulkAssign(ev) {
  ev.preventDefault();
  const to = ev.target.to.value === "none" ? null : ev.target.to.value;
  let done = 0;
  const failed = [];
  for (const c of q.items.filter((x) => q.picked.has(x.id))) {
    try {
      Object.assign(c, await api("PATCH", `/claims/${c.id}`, { assignee_id: to, version: c.version }));
      done++;
      q.picked.delete(c.id);
    } catch (e) {
      failed.push(e.message);
    }
  }
  renderRows();
  toast(`${done} assigned${failed.length ? `; ${failed.length} not: ${failed[0]}` : ""}`);
}

async function assignCurrentToMe() {
  const c = q.items[q.row];
  if (!c || !state.people || c.assignee_id === state.me.id) return;
  try {
    Object.assign(c, await api("PATCH", `/claims/${c.id}`, { assignee_id: state.me.id, version: c.version }));
    renderRows();
  } catch (e) { toast(e.message); }
}

export function queueKey(key) {
  const c = q.items[q.row];
  const keys = {
    j: () => setRow(q.row + 1, true),
    k: () => setRow(q.row - 1, true),
    x: () => c && state.people && pick(c.id, !q.picked.has(c.id)),
    m: assignCurrentToMe,
    Enter: () => { if (c) location.hash = openHref(c).slice(1); },
    "/": () => $("#queue-filters [name=q]")?.focus(),
  };
  const f = keys[key];
  if (f) f();
  return !!f;
}
