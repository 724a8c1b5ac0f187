// The start page: claims by status and verdict, the user's assigned claims,
// claims waiting for their approval, and recent activity.

import { $, fill, el, label } from "./dom.js";
import { api } from "./api.js";
import { state, mayMove } from "./state.js";

const open = (c) => `#article=${c.article_id}&claim=${c.id}`;

function claimList(id, page, empty, more) {
  return el("section", { class: "card", id },
    page.items.length
      ? el("ul", { class: "items" }, page.items.map((c) => el("li", {},
        el("span", { class: `pill st-${c.status}` }, label(c.status)), " ",
        el("a", { href: open(c) }, c.content_text), " ",
        el("small", {}, [c.speaker, state.titles.get(c.article_id)].filter(Boolean).join(" · ")))))
      : el("p", { class: "hint" }, empty),
    el("p", {}, el("a", { href: more }, "Open in the queue")));
}

export async function showOverview() {
  const view = $("#overview-view");
  const approver = mayMove("verdict_proposed", "approved");
  const [o, mine, waiting] = await Promise.all([
    api("GET", "/overview"),
    api("GET", "/claims?assignee=me&limit=10"),
    approver ? api("GET", "/claims?status=verdict_proposed&limit=10") : null,
  ]);
  if (state.view !== "overview-view") return;
  const byStatus = {};
  const byVerdict = {};
  for (const c of o.counts) {
    byStatus[c.status] = (byStatus[c.status] || 0) + c.count;
    if (c.status === "approved" && c.verdict) byVerdict[c.verdict] = (byVerdict[c.verdict] || 0) + c.count;
  }
  const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
  const statuses = state.workflow?.statuses || Object.keys(byStatus);
  fill(view,
    el("h1", {}, "Overview"),
    el("section", { class: "card", id: "counts" },
      el("h2", {}, `${total} ${total === 1 ? "claim" : "claims"}`),
      el("p", { class: "counts" }, statuses.map((s) =>
        el("a", { class: `pill st-${s}`, href: `#queue&status=${s}` }, `${byStatus[s] || 0} ${label(s)}`))),
      Object.keys(byVerdict).length ? el("p", { class: "counts" }, "Approved: ",
        state.verdicts.filter((v) => byVerdict[v.label]).map((v) =>
          el("a", { class: "pill", href: `#queue&status=approved&verdict=${v.label}` }, `${byVerdict[v.label]} ${label(v.label)}`))) : null,
      total ? null : el("p", { class: "hint" }, "No claims yet. Add an article under Articles; its claims are counted here.")),
    el("div", { class: "columns" },
      el("div", {},
        el("h2", {}, "Assigned to me"),
        claimList("overview-mine", mine, "Nothing is assigned to you. Pick claims from “Unassigned check-worthy” in the queue.", "#queue&assignee=me"),
        approver && el("h2", {}, "Waiting for approval"),
        approver && claimList("overview-waiting", waiting, "No verdict is waiting for approval.", "#queue&status=verdict_proposed")),
      el("div", {},
        el("h2", {}, "Recent activity"),
        el("section", { class: "card" }, o.recent.length ? el("ul", { class: "items", id: "recent" }, o.recent.map((e) => el("li", {},
          el("strong", {}, e.actor || "claimdesk"), " ", label(e.action), " ",
          e.claim_id ? el("a", { href: `#article=${e.article_id}&claim=${e.claim_id}` }, e.claim_text || "a claim")
            : el("a", { href: `#article=${e.article_id}` }, e.article_title || "(untitled)"),
          el("small", {}, [e.claim_id ? e.article_title || "(untitled)" : null, new Date(e.at).toLocaleString()].filter(Boolean).map((x) => ` · ${x}`).join("")))))
          : el("p", { class: "hint" }, "Nothing has happened yet.")))),
  );
}
