// Claims of other articles that read like the selected one (GET
// /claims/{id}/similar): their status and verdict, a link between the two,
// and the reuse of an approved verdict as this claim's proposal (citing it
// and copying its evidence; an editor still approves it).

import { fill, el, toast, label, pct } from "./dom.js";
import { api } from "./api.js";
import { state, current, may, roleAtLeast, hooks } from "./state.js";

export function similarSection(c) {
  const box = el("div", { id: "similar-list" }, el("p", { class: "hint" }, "Looking…"));
  load(c, box);
  return box;
}

async function load(c, box) {
  let rows;
  try {
    rows = await api("GET", `/claims/${c.id}/similar?limit=5`);
  } catch (e) {
    if (current() === c) fill(box, el("p", { class: "error" }, e.message));
    return;
  }
  // Titles of the other articles, asked once each.
  await Promise.all([...new Set(rows.map((r) => r.claim.article_id))].filter((id) => !state.titles.has(id))
    .map((id) => api("GET", `/articles/${id}?claims_limit=1`).then((a) => state.titles.set(id, a.title || "(untitled)")).catch(() => state.titles.set(id, "(deleted)"))));
  if (current() !== c) return;
  const linker = roleAtLeast("editor");
  fill(box,
    reuse(c),
    rows.length ? el("ul", { class: "items" }, rows.map((r) => {
      const o = r.claim;
      return el("li", { "data-id": o.id, class: r.linked ? "linked" : null },
        el("span", { class: `pill st-${o.status}` }, label(o.status)), " ",
        o.verdict ? el("strong", {}, label(o.verdict), o.status === "approved" ? "" : " (proposed)") : null, " ",
        el("a", { href: `#article=${o.article_id}&claim=${o.id}` }, o.content_text.length > 140 ? o.content_text.slice(0, 140) + "…" : o.content_text),
        el("small", {}, " ", [o.speaker, state.titles.get(o.article_id), `${pct(r.similarity)} alike`, r.same_speaker ? "same speaker" : null, r.linked ? "linked" : null].filter(Boolean).join(" · ")),
        linker && el("span", { class: "item-tools" }, r.linked
          ? el("button", { type: "button", class: "link unlink", onclick: () => unlink(c, o) }, "Unlink")
          : el("button", { type: "button", class: "link link-claim", onclick: () => link(c, o) }, "Link: same assertion")));
    })) : el("p", { class: "hint" }, "No similar claims in other articles."));
}

async function link(c, other) {
  try {
    Object.assign(c, await api("POST", `/claims/${c.id}/links`, { claim_id: other.id }));
    hooks.changed(c, { focus: false, message: "Linked" });
  } catch (e) { toast(e.message); }
}

async function unlink(c, other) {
  try {
    await api("DELETE", `/claims/${c.id}/links/${other.id}`);
    Object.assign(c, await api("GET", `/claims/${c.id}`));
    hooks.changed(c, { focus: false, message: "Unlinked" });
  } catch (e) { toast(e.message); }
}

// A linked claim's approved verdict, offered for reuse while this claim has
// no verdict of its own proposed.
function reuse(c) {
  const lv = c.linked_verdict;
  if (!lv) return null;
  const where = state.titles.get(lv.article_id) || "another article";
  const canPropose = may(c, "propose_verdict") || may(c, "start_review");
  return el("div", { class: "reuse card" },
    el("p", {}, "A linked claim in ", el("a", { href: `#article=${lv.article_id}&claim=${lv.claim_id}` }, where), " is approved as ", el("strong", {}, label(lv.verdict)), "."),
    canPropose && !["verdict_proposed", "approved"].includes(c.status)
      ? el("button", { type: "button", id: "reuse-verdict", class: "primary", onclick: () => reuseVerdict(c, lv, where) }, `Reuse “${label(lv.verdict)}” as this claim's proposal`)
      : null);
}

async function reuseVerdict(c, lv, where) {
  try {
    // Its evidence comes along, so the approving editor sees what it rests on.
    const evidence = await api("GET", `/claims/${lv.claim_id}/evidence`);
    const have = new Set((await api("GET", `/claims/${c.id}/evidence`)).map((e) => e.url));
    for (const e of evidence.filter((x) => !have.has(x.url))) {
      await api("POST", `/claims/${c.id}/evidence`, { url: e.url, title: e.title, publisher: e.publisher, excerpt: e.excerpt, stance: e.stance });
    }
    let now = await api("GET", `/claims/${c.id}`);
    if (now.status === "unreviewed") now = await api("PATCH", `/claims/${c.id}`, { status: "in_progress", version: now.version });
    const note = `Reuses the approved verdict of the same assertion in “${where}”${lv.verdict_note ? `: ${lv.verdict_note}` : "."}`;
    now = await api("PATCH", `/claims/${c.id}`, { status: "verdict_proposed", verdict: lv.verdict, verdict_note: note.slice(0, 10000), version: now.version });
    Object.assign(c, now);
    hooks.changed(c, { message: `Proposed ${label(lv.verdict)}, reusing the linked verdict` });
  } catch (e) { toast(e.message); }
}
