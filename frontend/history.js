// A claim's history in words: "Ana: status in progress → verdict proposed,
// verdict False". Events carry the changed fields before and after; this
// turns them into sentences without knowing more rules than their names.

import { el, label } from "./dom.js";
import { state, personName } from "./state.js";

// Fields that change with every write and say nothing to a reader.
// `verdict_by` repeats the event's own author.
const QUIET = new Set(["version", "verdict_by", "updated_at", "created_at", "extraction_corrected", "id", "claim_id", "article_id", "added_at", "ordinal", "content_pieces", "extractor_version", "body_sha256"]);
// Span positions read better as the words they cover, which events carry
// beside them.
const POSITION = /_(start|end)$/;

const NAMES = {
  assignee_id: "assignee", proposed_by: "proposed by", not_a_claim: "dismissed", content_text: "content",
  source_text: "source", cue_text: "cue", verdict_note: "note", linked_claim_id: "linked claim",
};

// What names an added or removed row.
const SUMMARY = ["stance", "title", "url", "body", "content_text", "speaker", "linked_claim_id"];

function value(key, v) {
  if (key === "assignee_id" && !v) return "nobody";
  if (v === null || v === undefined || v === "") return "—";
  if (key === "assignee_id" || key === "proposed_by" || key === "added_by" || key === "author_id") return personName(v) || "someone";
  if (key === "status" || key === "kind" || key === "stance") return label(v);
  if (key === "verdict") return label(v);
  if (typeof v === "boolean") return v ? "yes" : "no";
  if (key === "linked_claim_id") return "in another article";
  const s = typeof v === "string" ? v : JSON.stringify(v);
  return s.length > 90 ? `“${s.slice(0, 90)}…”` : key.endsWith("_text") || key === "body" || key === "title" || key === "excerpt" || key === "verdict_note" ? `“${s}”` : s;
}

// The changed fields of one event as "field before → after" phrases.
export function changes(ev) {
  const before = ev.before || {};
  const after = ev.after || {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((k) => !QUIET.has(k) && !POSITION.test(k) && k !== "reason");
  const added = !ev.before;
  const removed = !ev.after;
  // A row added or removed whole is named by what identifies it, not by
  // every empty field it has.
  if (added || removed) {
    const side = added ? after : before;
    return SUMMARY.filter((k) => side[k] !== null && side[k] !== undefined && side[k] !== "")
      .map((k) => (k === "url" && side.title ? null : `${NAMES[k] || label(k)} ${value(k, side[k])}`)).filter(Boolean);
  }
  return keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).map((k) => {
    const name = NAMES[k] || label(k);
    if (added) return `${name} ${value(k, after[k])}`;
    if (removed) return `${name} was ${value(k, before[k])}`;
    return `${name} ${value(k, before[k])} → ${value(k, after[k])}`;
  });
}

export function describe(ev) {
  const who = ev.actor_id ? (ev.actor_id === state.me?.id ? `${state.me.name} (me)` : ev.actor_name || personName(ev.actor_id)) : "The system";
  const what = changes(ev);
  const reason = ev.after?.reason;
  return el("span", { class: "event" },
    el("strong", {}, who), `: ${label(ev.action)}`,
    what.length ? `, ${what.join(", ")}` : "",
    reason ? el("span", { class: "reason" }, ` (reason: “${reason}”)`) : null);
}

// Who proposed the verdict the claim holds, and when: the last proposal in
// the history (newest first or oldest first, whichever the page holds).
export function proposal(events, c) {
  const found = events.filter((e) => e.action === "verdict_proposed")
    .sort((a, b) => new Date(b.at) - new Date(a.at))[0];
  const name = c.proposed_by_name || personName(c.proposed_by);
  return found ? `${name} · ${new Date(found.at).toLocaleString()}` : name;
}
