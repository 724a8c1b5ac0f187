// The reader: the open article with its claims highlighted, the display
// threshold for less check-worthy sentences, claims chosen by click, Tab,
// j/k or a link, overlapping claims offered in a chooser, and text
// selected to correct a claim or add one. The claim's own panel is
// panel.js; changes by others arrive through live.js.

import { $, $$, fill, el, label, announce } from "./dom.js";
import { api } from "./api.js";
import { state, current, may, roleAtLeast, hooks as panelHooks, number, sortClaims } from "./state.js";
import { renderPanel, startManualClaim, correctSpan, panelKey } from "./panel.js";
import { follow } from "./live.js";

let opening = 0;

// The fields that place a claim in the text.
export const SPAN_FIELDS = ["content_start", "content_end", "source_start", "source_end", "cue_start", "cue_end"];

// An article with all its claims: the API sends them a page at a time.
async function fetchArticle(id) {
  const a = await api("GET", `/articles/${id}?claims_limit=5000`);
  while (a.claims_next_cursor) {
    const more = await api("GET", `/articles/${id}?claims_limit=5000&claims_after=${encodeURIComponent(a.claims_next_cursor)}`);
    a.claims.push(...more.claims);
    a.claims_next_cursor = more.claims_next_cursor;
  }
  return a;
}

export async function openArticle(id, claimId) {
  // Only the last article asked for is shown, whichever answer comes first.
  const ticket = ++opening;
  // Coming back to an article returns to the claim the user was on.
  if (!claimId) claimId = state.article?.id === id ? current()?.id : state.positions.get(id);
  const a = await fetchArticle(id);
  if (ticket !== opening || !state.me) return;
  state.article = a;
  state.claims = a.claims;
  state.selected = -1;
  sortClaims();
  state.titles.set(a.id, a.title || "(untitled)");
  renderArticle();
  document.dispatchEvent(new CustomEvent("article-opened"));
  follow(a.id, changedElsewhere, () => reloadArticle(null));
  const i = claimId ? state.claims.findIndex((c) => c.id === claimId) : -1;
  if (i >= 0) select(i, { scroll: "center" });
  else renderPanel();
}

// The article is gone (deleted here): nothing of it stays on the page.
export function closeArticle(message) {
  follow(null);
  state.article = null;
  state.claims = [];
  state.selected = -1;
  history.replaceState(null, "", location.pathname);
  fill($("#reader"), el("p", { class: "hint" }, message));
  renderPanel();
}

function setHash() {
  const c = current();
  history.replaceState(null, "", `#article=${state.article.id}${c ? `&claim=${c.id}` : ""}`);
}

// Report formats the server renders: [query value, link text].
// Print view, Markdown and ClaimReview hold approved verdicts only (the
// server's default for what may be published); the working copy holds all.
const REPORTS = [["html", "print view"], ["html&include=all", "working copy"], ["markdown", "Markdown"], ["csv", "CSV"], ["jsonl", "JSON Lines"], ["json", "JSON"], ["claimreview", "ClaimReview"]];

// ---- what is shown ----------------------------------------------------------

// An unattributed sentence the ranker scores below the threshold is not
// presented as an assertion to check: shown faintly, hidden, or (by the
// user's choice) like the others. Claims someone worked on always show.
export function isLow(c) {
  return c.kind === "unattributed" && c.status === "unreviewed" && !c.not_a_claim
    && c.origin !== "manual" && c.checkworthiness < state.threshold;
}
const reachable = (c) => state.lowMode === "shown" || !isLow(c);

const verdictOf = (c) => (c.verdict && ["verdict_proposed", "approved"].includes(c.status))
  ? state.verdicts.find((v) => v.label === c.verdict) : null;

const pieces = (c) => (Array.isArray(c.content_pieces) && c.content_pieces.length ? c.content_pieces : [{ start: c.content_start, end: c.content_end }]);

// Offsets are Unicode code points; JavaScript strings index UTF-16 units, so
// the body is split into code points once and sliced from that array.
function renderArticle() {
  const a = state.article;
  const cps = Array.from(a.body);
  const n = cps.length;
  const clamp = (x) => Math.max(0, Math.min(x, n));
  const marks = [];
  state.claims.forEach((c, i) => {
    if (state.lowMode === "hidden" && isLow(c) && i !== state.selected) return;
    for (const p of pieces(c)) marks.push({ start: clamp(p.start), end: clamp(p.end), i, role: "content" });
    if (c.source_start !== null) marks.push({ start: clamp(c.source_start), end: clamp(c.source_end), i, role: "source" });
    if (c.cue_start !== null) marks.push({ start: clamp(c.cue_start), end: clamp(c.cue_end), i, role: "cue" });
  });
  // Where each claim begins and ends in the text, for its boundaries and
  // for the one element per claim that takes the focus.
  const extent = new Map();
  for (const m of marks) {
    const e = extent.get(m.i) || { start: m.start, end: m.end };
    extent.set(m.i, { start: Math.min(e.start, m.start), end: Math.max(e.end, m.end) });
  }
  const cuts = new Set([0, n]);
  for (const m of marks) { cuts.add(m.start); cuts.add(m.end); }
  const points = [...cuts].sort((x, y) => x - y);
  const rank = { cue: 0, source: 1, content: 2 };
  // A sweep over the cut points: marks open at their start, close at their end.
  const byStart = [...marks].sort((x, y) => x.start - y.start);
  let next = 0;
  let open = [];
  const focusable = new Set();
  const body = el("div", { class: "body" });
  for (let k = 0; k + 1 < points.length; k++) {
    const [s, e] = [points[k], points[k + 1]];
    open = open.filter((m) => m.end > s);
    while (next < byStart.length && byStart[next].start <= s) { if (byStart[next].end > s) open.push(byStart[next]); next++; }
    const text = cps.slice(s, e).join("");
    if (!open.length) { body.append(text); continue; }
    const here = [...new Set(open.map((m) => m.i))];
    // The selected claim wins where claims overlap; else the tighter role.
    const m = open.find((x) => x.i === state.selected && x.role !== "content")
      || open.find((x) => x.i === state.selected)
      || [...open].sort((x, y) => rank[x.role] - rank[y.role] || (x.end - x.start) - (y.end - y.start))[0];
    const c = state.claims[m.i];
    const ext = extent.get(m.i);
    const first = !focusable.has(m.i) && ext.start === s;
    if (first) focusable.add(m.i);
    const cls = ["c", `role-${m.role}`];
    if (ext.start === s) cls.push("first");
    if (ext.end === e) cls.push("last");
    if (here.length > 1) cls.push("overlap");
    if (m.i === state.selected) cls.push("selected");
    const span = el("span", {
      class: cls.join(" "),
      "data-claim": m.i,
      "data-claims": here.length > 1 ? here.join(",") : null,
      "data-focus": first ? "" : null,
    }, text);
    paint(span, c);
    body.append(span);
  }
  const meta = [a.outlet, a.published_at && new Date(a.published_at).toLocaleDateString(), `${state.claims.length} ${state.claims.length === 1 ? "claim" : "claims"}`].filter(Boolean).join(" · ");
  fill($("#reader"),
    el("h1", {}, a.title || "(untitled)"),
    el("p", { class: "meta" }, meta, a.url ? [" · ", el("a", { href: a.url, rel: "noopener noreferrer", target: "_blank" }, "original")] : null),
    el("p", { class: "counts", id: "article-counts" }),
    el("p", { class: "meta reports" }, "Report: ", REPORTS.flatMap(([fmt, name], k) => [
      k ? " · " : null,
      el("a", { href: `/api/v1/articles/${a.id}/report?format=${fmt}`, target: fmt.startsWith("html") ? "_blank" : null }, name),
    ])),
    el("p", { class: "actions article-tools", id: "article-tools" }),
    el("p", { class: "notice", id: "reextract-result", role: "status" }),
    displayControls(),
    el("p", { class: "legend", id: "legend", "aria-label": "Colours" }),
    body,
  );
  summarise();
}

// What a claim's state shows on one of its pieces: status, verdict colour,
// dismissed, below the threshold; the focus stop on its first piece.
function paint(span, c) {
  const v = verdictOf(c);
  const keep = [...span.classList].filter((k) => k === "c" || k.startsWith("role-") || ["first", "last", "overlap", "selected"].includes(k));
  const cls = [...keep, `st-${c.status}`];
  if (c.not_a_claim) cls.push("dismissed");
  if (isLow(c)) cls.push(state.lowMode === "shown" ? "low-shown" : "low");
  if (v) cls.push("has-verdict", c.status === "approved" ? "v-approved" : "v-proposed");
  span.className = cls.join(" ");
  if (v) span.style.setProperty("--vc", v.colour); else span.style.removeProperty("--vc");
  const stop = span.hasAttribute("data-focus") && reachable(c);
  if (stop) {
    span.tabIndex = 0;
    span.setAttribute("role", "button");
    span.setAttribute("aria-label", claimLabel(c));
  } else {
    span.removeAttribute("tabindex");
    span.removeAttribute("role");
    span.removeAttribute("aria-label");
  }
  span.title = hint(c, span.dataset.claims ? span.dataset.claims.split(",").length : 1);
}

// The counts by status and the colour legend, from the claims loaded.
function summarise() {
  const counts = {};
  for (const c of state.claims) {
    const key = c.not_a_claim ? "dismissed" : c.status;
    counts[key] = (counts[key] || 0) + 1;
  }
  fill($("#article-counts"), [...(state.workflow?.statuses || []), "dismissed"].filter((s) => counts[s])
    .map((s) => el("span", { class: `pill st-${s}` }, `${counts[s]} ${label(s)}`)));
  const verdicts = state.verdicts.filter((v) => state.claims.some((c) => verdictOf(c) === v));
  fill($("#legend"),
    ["unreviewed", "in_progress", "verdict_proposed", "approved"].map((s) => el("span", { class: `pill st-${s}` }, label(s))),
    verdicts.map((v) => el("span", { class: "pill has-verdict", style: `--vc: ${v.colour}` }, label(v.label))),
    el("span", { class: "pill low" }, "below threshold"));
  const low = $("#low-count");
  if (low) low.textContent = `${state.claims.filter(isLow).length} below the threshold`;
}

// One claim's state changed but not its place in the text: repaint its
// pieces instead of the whole article.
function repaint(c) {
  const i = state.claims.indexOf(c);
  if (i < 0) return rerender();
  for (const span of $$(`#reader .c[data-claim="${i}"]`)) paint(span, c);
  summarise();
}

function claimLabel(c) {
  const who = c.speaker ? `${c.speaker}: ` : "";
  const text = c.content_text.length > 80 ? c.content_text.slice(0, 80) + "…" : c.content_text;
  return `Claim ${number(c)}, ${c.not_a_claim ? "dismissed" : label(c.status)}. ${who}${text}`;
}

function hint(c, overlapping) {
  const parts = [`Claim ${number(c)}`, label(c.kind), c.not_a_claim ? "dismissed" : label(c.status)];
  if (c.verdict) parts.push(label(c.verdict));
  if (c.speaker) parts.push(c.speaker);
  if (overlapping > 1) parts.push(`${overlapping} claims overlap here: click to choose`);
  return parts.join(" · ");
}

// The threshold and what to do with sentences below it.
function displayControls() {
  const pctValue = Math.round(state.threshold * 100);
  return el("form", { class: "display", id: "display", onsubmit: (ev) => ev.preventDefault() },
    el("label", {}, "Less check-worthy sentences",
      el("select", { id: "low-mode", onchange: (ev) => { state.lowMode = ev.target.value; rerender(); } },
        [["faint", "faint"], ["hidden", "hidden"], ["shown", "shown like claims"]].map(([v, t]) => el("option", { value: v, selected: state.lowMode === v }, t)))),
    el("label", {}, el("span", {}, "Threshold ", el("output", { id: "threshold-value" }, `${pctValue}%`)),
      el("input", { id: "threshold", type: "range", min: 0, max: 100, step: 5, value: pctValue,
        oninput: (ev) => { $("#threshold-value").textContent = `${ev.target.value}%`; },
        onchange: (ev) => { state.threshold = Number(ev.target.value) / 100; rerender(); } })),
    el("span", { class: "hint", id: "low-count" }));
}

// Re-renders the article keeping the user's place and focus.
function rerender() {
  sortClaims();
  const focused = document.activeElement?.id;
  const scroll = $("#reader").scrollTop;
  renderArticle();
  document.dispatchEvent(new CustomEvent("article-opened"));
  $("#reader").scrollTop = scroll;
  if (focused && $(`#${focused}`)) $(`#${focused}`).focus();
  markSelected(false);
}

// ---- choosing a claim ------------------------------------------------------

export function select(i, { scroll = "nearest", focus = false } = {}) {
  if (!state.claims.length) return;
  const was = state.selected;
  state.selected = Math.max(0, Math.min(i, state.claims.length - 1));
  // A hidden claim asked for by a link or a chooser is brought back.
  if (state.lowMode === "hidden" && isLow(state.claims[state.selected]) && !$(`.c[data-claim="${state.selected}"]`)) rerender();
  else if (was >= 0 && was !== state.selected && state.lowMode === "hidden" && isLow(state.claims[was])) rerender();
  markSelected(scroll, focus);
  state.positions.set(state.article.id, current().id);
  setHash();
  renderPanel();
}

function markSelected(scroll, focus) {
  for (const n of $$(".c.selected")) n.classList.remove("selected");
  const spans = $$(`.c[data-claim="${state.selected}"]`);
  spans.forEach((n) => n.classList.add("selected"));
  if (scroll) spans[0]?.scrollIntoView({ block: scroll });
  if (focus) focusStop(spans);
}

// The claim's own focus stop; where it overlaps another claim that owns the
// stop, the shared one; failing both, its first piece (focusable by script).
function focusStop(spans) {
  const sel = String(state.selected);
  let stop = $(`.c[data-claim="${sel}"][tabindex]`)
    || $$(".c[tabindex][data-claims]").find((n) => n.dataset.claims.split(",").includes(sel));
  if (!stop && spans[0]) { spans[0].tabIndex = -1; stop = spans[0]; }
  stop?.focus({ preventScroll: true });
}

// The next claim in reading order that is shown as a claim.
function step(dir) {
  const order = state.claims.map((c, i) => i).filter((i) => reachable(state.claims[i]))
    .sort((x, y) => state.claims[x].content_start - state.claims[y].content_start || x - y);
  if (!order.length) return;
  const at = order.indexOf(state.selected);
  let to;
  if (at >= 0) to = order[Math.max(0, Math.min(order.length - 1, at + dir))];
  else {
    const here = current()?.content_start ?? -1;
    to = dir > 0 ? order.find((i) => state.claims[i].content_start > here) ?? order[order.length - 1]
      : [...order].reverse().find((i) => state.claims[i].content_start < here) ?? order[0];
  }
  select(to, { focus: true });
}

// Where claims overlap, a click offers each of them.
function chooser(target, indices) {
  closeChooser();
  const menu = el("div", { id: "chooser", role: "menu", "aria-label": "Claims here" },
    el("p", { class: "hint" }, `${indices.length} claims overlap here`),
    indices.map((i) => {
      const c = state.claims[i];
      return el("button", { type: "button", role: "menuitem", "data-claim": i, onclick: () => { closeChooser(); select(i, { focus: true }); } },
        el("span", { class: `pill st-${c.status}` }, `#${number(c)}`), " ",
        c.speaker ? `${c.speaker}: ` : "", c.content_text.length > 70 ? c.content_text.slice(0, 70) + "…" : c.content_text);
    }));
  const r = target.getBoundingClientRect();
  menu.style.left = `${Math.max(8, Math.min(r.left, innerWidth - 360))}px`;
  menu.style.top = `${r.bottom + 4}px`;
  document.body.append(menu);
  $("button", menu)?.focus();
}
function closeChooser() { $("#chooser")?.remove(); }

function activate(span) {
  const list = span.dataset.claims ? span.dataset.claims.split(",").map(Number) : null;
  if (list && list.length > 1) chooser(span, list);
  else select(Number(span.dataset.claim), { scroll: false });
}

// ---- selecting text --------------------------------------------------------

// The code point offset of a DOM position inside the article body.
function offsetIn(body, node, offset) {
  let total = 0;
  const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    if (t === node) return total + Array.from(t.data.slice(0, offset)).length;
    total += Array.from(t.data).length;
  }
  // The position is an element boundary: count the text before it.
  const range = document.createRange();
  range.setStart(body, 0);
  range.setEnd(node, offset);
  return Array.from(range.toString()).length;
}

export function selectedSpan() {
  const body = $("#reader .body");
  const sel = getSelection();
  if (!body || !sel || sel.isCollapsed || !sel.rangeCount) return null;
  const r = sel.getRangeAt(0);
  if (!body.contains(r.startContainer) || !body.contains(r.endContainer)) return null;
  let start = offsetIn(body, r.startContainer, r.startOffset);
  let end = offsetIn(body, r.endContainer, r.endOffset);
  // Selections by mouse pick up the spaces around words; spans do not.
  const cps = Array.from(state.article.body);
  while (start < end && /\s/.test(cps[start])) start++;
  while (end > start && /\s/.test(cps[end - 1])) end--;
  return end > start ? { start, end, text: cps.slice(start, end).join("") } : null;
}

function selectionTools() {
  $("#selection-tools")?.remove();
  const span = selectedSpan();
  if (!span) return;
  const c = current();
  const fix = c && may(c, "correct_extraction") && !c.not_a_claim;
  const add = roleAtLeast("editor");
  if (!fix && !add) return;
  const bar = el("div", { id: "selection-tools", role: "toolbar", "aria-label": "Use the selected text" },
    add && el("button", { type: "button", id: "new-claim", onclick: () => { bar.remove(); startManualClaim(span); } }, "New claim from selection"),
    fix && [["content", "As content"], ["source", "As source"], ["cue", "As cue"]].map(([role, text]) =>
      el("button", { type: "button", "data-role": role, onclick: () => { bar.remove(); correctSpan(c, role, span); } }, `${text} of #${number(c)}`)));
  const rect = getSelection().getRangeAt(0).getBoundingClientRect();
  bar.style.left = `${Math.max(8, Math.min(rect.left, innerWidth - 420))}px`;
  bar.style.top = `${Math.max(8, rect.top - 44)}px`;
  document.body.append(bar);
}

export function setupReader() {
  const reader = $("#reader");
  reader.addEventListener("click", (ev) => {
    const span = ev.target.closest(".c");
    if (!span || !getSelection().isCollapsed) return;
    activate(span);
  });
  reader.addEventListener("keydown", (ev) => {
    const span = ev.target.closest?.(".c[tabindex]");
    if (span && (ev.key === "Enter" || ev.key === " ")) { ev.preventDefault(); activate(span); }
  });
  // Tab onto a claim selects it, so the panel follows the focus.
  reader.addEventListener("focusin", (ev) => {
    const span = ev.target.closest?.(".c[tabindex]");
    if (!span) return;
    // A stop shared by overlapping claims keeps whichever of them is selected.
    const here = span.dataset.claims ? span.dataset.claims.split(",").map(Number) : [Number(span.dataset.claim)];
    if (!here.includes(state.selected)) select(Number(span.dataset.claim), { scroll: false });
  });
  reader.addEventListener("mouseup", () => setTimeout(selectionTools, 0));
  reader.addEventListener("keyup", (ev) => ev.shiftKey && selectionTools());
  document.addEventListener("mousedown", (ev) => {
    if (!ev.target.closest("#chooser")) closeChooser();
    if (!ev.target.closest("#selection-tools")) $("#selection-tools")?.remove();
  });
  document.addEventListener("keydown", (ev) => {
    if (ev.key !== "Escape") return;
    if ($("#chooser")) { closeChooser(); markSelected(false, true); }
    $("#selection-tools")?.remove();
  });
  panelHooks.changed = (c, { focus = true, message, moved = false } = {}) => {
    if (moved || (state.lowMode === "hidden" && isLow(c))) rerender(); else repaint(c);
    renderPanel();
    if (focus) markSelected(false, true);
    if (message) announce(message);
  };
  panelHooks.reload = async (claimId) => {
    const id = state.article?.id;
    if (!id) return;
    state.article = null;
    await openArticle(id, claimId);
  };
  panelHooks.select = (i) => select(i, { focus: true, scroll: "center" });
}

// ---- changes made by others -------------------------------------------------

// Changes arrive one history event at a time; a re-extraction or a bulk
// assignment sends many at once, so they are gathered for a moment and
// either each changed claim is read again or, for many, the article once.
let pending = [];
let flushing = null;

function changedElsewhere(ev) {
  if (!state.article || ev.actor_id === state.me?.id) return;
  pending.push(ev);
  if (!flushing) flushing = setTimeout(flushChanges, 150);
}

async function flushChanges() {
  flushing = null;
  const events = pending;
  pending = [];
  if (!state.article || !events.length) return;
  const who = events[events.length - 1].actor_name || "Someone";
  const ids = [...new Set(events.map((e) => e.claim_id))];
  if (ids.length > 5 || ids.some((id) => !id || !state.claims.some((c) => c.id === id))) {
    // A claim added, an article re-extracted or much changed at once.
    await reloadArticle(who);
    return;
  }
  for (const id of ids) {
    const ev = events.filter((e) => e.claim_id === id).pop();
    const fresh = await api("GET", `/claims/${id}`).catch(() => null);
    const i = state.claims.findIndex((c) => c.id === id);
    if (!fresh || i < 0) continue;
    const moved = SPAN_FIELDS.some((k) => state.claims[i][k] !== fresh[k]);
    Object.assign(state.claims[i], fresh);
    if (moved) rerender(); else repaint(state.claims[i]);
    if (i === state.selected) renderPanel({ fromElsewhere: who });
    announce(`${who} changed claim ${number(fresh)}: ${label(ev.action)}.`);
  }
}

// Reads the open article again, keeping the user on their claim.
async function reloadArticle(who) {
  if (!state.article) return;
  const was = current();
  const keep = was?.id, version = was?.version;
  const a = await fetchArticle(state.article.id).catch(() => null);
  if (!a || a.id !== state.article?.id) return;
  state.article = a;
  state.claims = a.claims;
  sortClaims();
  state.selected = keep ? state.claims.findIndex((c) => c.id === keep) : -1;
  rerender();
  const touched = who && current()?.version !== version;
  renderPanel(touched ? { fromElsewhere: who } : undefined);
  if (who) announce(`${who} changed this article.`);
}

// ---- keys ------------------------------------------------------------------

export function reviewKey(key) {
  const keys = { j: () => step(1), k: () => step(-1) };
  const f = keys[key];
  if (f) { f(); return true; }
  return panelKey(key);
}
