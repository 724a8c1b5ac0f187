// The selected claim's panel: what was extracted, status and verdict with
// who proposed it, assignment, the moves the user may make (with an
// optional reason), evidence, comments, similar claims and the history.
// Corrections made by selecting text in the reader land here too.

import { $, $$, fill, el, toast, label, pct, announce } from "./dom.js";
import { api } from "./api.js";
import { state, current, may, personName, roleAtLeast, hooks, number } from "./state.js";
import { describe, proposal } from "./history.js";
import { evidenceSection, commentSection } from "./attachments.js";
import { similarSection } from "./similar.js";

export async function patch(changes, { reason, message } = {}) {
  const c = current();
  if (!c) return;
  const body = { ...changes, version: c.version };
  if (reason) body.reason = reason;
  try {
    const updated = await api("PATCH", `/claims/${c.id}`, body);
    const moved = Object.keys(changes).some((k) => ["content", "source", "cue"].includes(k));
    Object.assign(c, updated);
    hooks.changed(c, { moved, message: message || `Claim ${number(c)}: ${c.not_a_claim ? "dismissed" : label(c.status)}` });
    return true;
  } catch (e) {
    if (e.code === "stale_version" && e.body?.current) {
      Object.assign(c, e.body.current);
      hooks.changed(c, { moved: true });
      toast("Someone changed this claim meanwhile; showing their version. Try again.");
    } else {
      toast(e.message + (e.body?.allowed ? ` (allowed: ${e.body.allowed.join(", ")})` : ""));
    }
    return false;
  }
}

const assignToMe = () => patch({ assignee_id: state.me.id }, { message: "Assigned to you" });

function assignment(c) {
  const who = el("dd", { id: "assignee" }, c.assignee_id ? (c.assignee_name && c.assignee_id !== state.me.id ? c.assignee_name : personName(c.assignee_id)) : "nobody");
  if (!may(c, "assign")) return [el("dt", {}, "Assignee"), who];
  const pick = el("select", { id: "assign-to", "aria-label": "Assign to" },
    el("option", { value: "" }, "— assign to —"),
    (state.people || []).map((p) => el("option", { value: p.id, selected: p.id === c.assignee_id }, `${p.name} (${p.role})`)));
  pick.addEventListener("change", () => pick.value && patch({ assignee_id: pick.value }, { message: `Assigned to ${personName(pick.value)}` }));
  return [el("dt", {}, "Assignee"), el("dd", { class: "assign" }, who, el("span", { class: "actions" },
    c.assignee_id !== state.me.id && el("button", { type: "button", id: "assign-me", onclick: assignToMe }, "Assign to me (m)"),
    state.people && pick,
    c.assignee_id && el("button", { type: "button", id: "unassign", onclick: () => patch({ assignee_id: null }, { message: "Unassigned" }) }, "Unassign")))];
}

// Unsaved words in the panel: a change from elsewhere must not wipe them.
function hasDraft() {
  return $$("#panel textarea, #panel input:not([type=checkbox]):not([type=range])").some((x) => x.value.trim() && x.value !== x.defaultValue)
    || !!document.activeElement?.closest?.("#panel form");
}

export async function renderPanel({ fromElsewhere } = {}) {
  const panel = $("#panel");
  const c = current();
  if (!c) {
    fill(panel, el("p", { class: "hint" }, !state.article ? "" : state.claims.length ? "Press j to review the first claim, or Tab to a highlighted claim." : "No claims in this article. Select text to add one."));
    return;
  }
  if (fromElsewhere && hasDraft()) {
    $("#elsewhere")?.remove();
    panel.prepend(el("p", { class: "notice", id: "elsewhere", role: "status" }, `${fromElsewhere} changed this claim. `,
      el("button", { type: "button", onclick: () => renderPanel() }, "Show the change")));
    return;
  }
  if (!c.allowed_actions) {
    // Lists carry no per-user rules; the claim itself does.
    try {
      Object.assign(c, await api("GET", `/claims/${c.id}`));
    } catch (e) { toast(e.message); }
    if (current() !== c) return;
  }
  prefetch();
  const editable = may(c, "edit_verdict") && !c.not_a_claim;
  const verdictSelect = el("select", { id: "verdict", "aria-label": "Verdict" },
    el("option", { value: "" }, "— verdict —"),
    state.verdicts.map((v) => el("option", { value: v.label, selected: c.verdict === v.label }, label(v.label))));
  const note = el("textarea", { id: "note", rows: 2, placeholder: "Verdict note", "aria-label": "Verdict note" }, c.verdict_note || "");
  const moves = [
    may(c, "approve") && ["approve", "Approve (a)", () => move({ status: "approved" }), "primary"],
    may(c, "send_back") && ["send-back", "Send back (r)", () => move({ status: "in_progress" })],
    may(c, "reopen") && ["reopen", "Reopen (r)", () => move({ status: "in_progress" })],
  ].filter(Boolean);
  const actions = el("div", { class: "actions", id: "claim-actions" },
    may(c, "start_review") && el("button", { type: "button", onclick: () => patch({ status: "in_progress" }) }, "Start (s)"),
    may(c, "propose_verdict") && el("button", { type: "button", class: "primary", onclick: proposeVerdict }, "Propose verdict (p)"),
    moves.map(([id, text, f, cls]) => el("button", { type: "button", id, class: cls || null, onclick: f }, text)),
    may(c, "correct_extraction") && el("button", { type: "button", id: "dismiss", onclick: () => patch({ not_a_claim: !c.not_a_claim }) }, c.not_a_claim ? "Restore as claim (x)" : "Not a claim (x)"),
  );
  const reason = moves.length ? el("input", { id: "reason", placeholder: "Reason (optional; kept in the history)", "aria-label": "Reason for this move", maxlength: 2000 }) : null;
  const history = el("ol", { class: "items history", id: "history-list" }, el("li", { class: "hint" }, "Loading…"));
  const proposedBy = el("dd", { id: "proposed-by" }, c.proposed_by_name || (c.proposed_by ? personName(c.proposed_by) : "—"));
  const pill = c.not_a_claim ? el("span", { class: "pill dismissed" }, "dismissed") : el("span", { class: `pill st-${c.status}` }, label(c.status));
  fill(panel,
    el("h2", { id: "claim-heading", tabindex: -1, "data-claim": c.id }, `Claim ${number(c)} `, el("small", { class: "hint" }, `of ${state.claims.length}`), " ", pill),
    el("dl", {},
      el("dt", {}, "Kind"), el("dd", {}, label(c.kind), c.origin === "manual" ? " (added by hand)" : c.extraction_corrected ? " (corrected by hand)" : null),
      // The speaker's claims across articles (every form of the name), with
      // the queue's exports: the speaker's view.
      // An unresolved speaker is the source as written ("she", "officials"):
      // said so, so nobody takes it for a name.
      el("dt", {}, "Speaker"), el("dd", { id: "speaker" }, c.speaker
        ? [c.speaker,
          c.speaker_type ? el("span", { class: "speaker-type" }, ` (${label(c.speaker_type)})`) : null,
          c.speaker_resolved === false ? el("span", { class: "unresolved", title: "No one in the article was found for this source: correct the speaker if you know who it is" }, " unresolved") : null,
          " ", el("a", { href: `#queue&${new URLSearchParams({ speaker: c.speaker })}`, class: "speaker-claims" }, "all their claims")]
        : "—"),
      el("dt", {}, "Source"), el("dd", {}, c.source_text || "—"),
      el("dt", {}, "Cue"), el("dd", {}, c.cue_text || "—"),
      el("dt", {}, "Content"), el("dd", { id: "content" }, c.content_text),
      el("dt", {}, "Check-worthy"), el("dd", {}, pct(c.checkworthiness)),
      el("dt", {}, "Verdict"), el("dd", { id: "verdict-now" }, c.verdict ? label(c.verdict) : "—",
        c.verdict && c.status === "in_progress" ? el("small", { class: "hint" }, " (draft, not proposed)") : null),
      c.verdict_note && !editable ? [el("dt", {}, "Note"), el("dd", {}, c.verdict_note)] : null,
      c.proposed_by ? [el("dt", {}, "Proposed by"), proposedBy] : null,
      assignment(c),
    ),
    editable ? el("form", { id: "verdict-form", onsubmit: (ev) => { ev.preventDefault(); proposeVerdict(); } }, verdictSelect, note) : null,
    actions,
    reason,
    speakerEditor(c),
    el("section", {}, el("h2", {}, "Evidence"), evidenceSection(c)),
    el("section", {}, el("h2", {}, "Comments"), commentSection(c)),
    el("section", { id: "similar" }, el("h2", {}, "Similar claims elsewhere"), similarSection(c)),
    el("section", {}, el("h2", {}, "History"), history),
  );
  await loadHistory(c, history, proposedBy);
}

// The claims around this one, read ahead so moving to them (j, k) needs
// no round trip before the panel shows. A change by someone else meanwhile
// arrives live, and a stale write still gets its 409.
function prefetch() {
  for (const d of [1, -1, 2, -2]) {
    const n = state.claims[state.selected + d];
    if (!n || n.allowed_actions || n.prefetching) continue;
    n.prefetching = true;
    api("GET", `/claims/${n.id}`)
      .then((x) => { if (!n.allowed_actions) Object.assign(n, x); })
      .catch(() => {})
      .finally(() => { delete n.prefetching; });
  }
}

// The speaker as resolved can be corrected by anyone who may correct the
// extraction (a typed name; the source span is corrected by selection).
function speakerEditor(c) {
  if (!may(c, "correct_extraction") || c.not_a_claim) return null;
  return el("details", { class: "fix" }, el("summary", {}, "Correct the speaker or kind"),
    el("form", { id: "speaker-form", onsubmit: (ev) => {
      ev.preventDefault();
      const f = ev.target;
      const changes = {};
      const name = f.speaker.value.trim();
      if (name !== (c.speaker || "")) changes.speaker = name || null;
      if (f.kind.value !== c.kind) changes.kind = f.kind.value;
      const type = f.speaker_type.value || null;
      if (type !== (c.speaker_type || null)) changes.speaker_type = type;
      if (Object.keys(changes).length) patch(changes, { message: "Extraction corrected" });
    } },
    el("label", {}, "Speaker", el("input", { name: "speaker", value: c.speaker || "", maxlength: 200 })),
    el("label", {}, "Speaker is", el("select", { name: "speaker_type" },
      el("option", { value: "", selected: !c.speaker_type }, "not known"),
      (state.workflow?.speaker_types || []).map((t) => el("option", { value: t, selected: t === c.speaker_type }, label(t))))),
    el("label", {}, "Kind", el("select", { name: "kind" }, (state.workflow?.kinds || []).map((k) => el("option", { value: k, selected: k === c.kind }, label(k))))),
    el("p", { class: "hint" }, "To move the source, cue or content, select the right words in the article."),
    el("button", { type: "submit" }, "Save correction")));
}

async function loadHistory(c, list, proposedBy, after) {
  let page;
  try {
    const p = new URLSearchParams({ limit: "50" });
    if (after) p.set("after", after);
    page = await api("GET", `/claims/${c.id}/history?${p}`);
  } catch (e) {
    if (current() === c) fill(list, el("li", { class: "error" }, e.message));
    return;
  }
  if (current() !== c) return;
  const rows = page.items.map((x) => el("li", {}, describe(x), " ", el("small", {}, new Date(x.at).toLocaleString())));
  if (after) { $(".more", list)?.remove(); list.append(...rows); } else fill(list, ...(rows.length ? rows : [el("li", { class: "hint" }, "Nothing yet.")]));
  if (page.next_cursor) {
    list.append(el("li", { class: "more" }, el("button", { type: "button", onclick: () => loadHistory(c, list, proposedBy, page.next_cursor) }, "Older changes")));
  }
  const p = !after && proposal(page.items, c);
  if (p && c.proposed_by) fill(proposedBy, p);
}

function move(changes) {
  const reason = $("#reason")?.value.trim();
  return patch(changes, { reason });
}

function proposeVerdict() {
  const verdict = $("#verdict")?.value;
  if (!verdict) { $("#verdict")?.focus(); toast("Choose a verdict first (v)"); return; }
  patch({ status: "verdict_proposed", verdict, verdict_note: $("#note").value || null });
}

// ---- corrections by selection ---------------------------------------------

export function correctSpan(c, role, span) {
  if (role === "source" && !c.speaker) {
    // A source given by hand names the speaker too, unless one is set.
    return patch({ source: { start: span.start, end: span.end }, speaker: span.text.slice(0, 200) }, { message: `Source of claim ${number(c)} moved` });
  }
  return patch({ [role]: { start: span.start, end: span.end } }, { message: `${label(role)} of claim ${number(c)} moved` });
}

// A claim the extractor missed: content from the selection, the rest typed
// here or picked by selecting again once it exists.
export function startManualClaim(span) {
  const panel = $("#panel");
  fill(panel,
    el("h2", {}, "New claim"),
    el("form", { id: "manual-form", onsubmit: async (ev) => {
      ev.preventDefault();
      const f = ev.target;
      const body = { kind: f.kind.value, content: { start: span.start, end: span.end } };
      if (f.speaker.value.trim()) body.speaker = f.speaker.value.trim();
      try {
        const made = await api("POST", `/articles/${state.article.id}/claims`, body);
        await hooks.reload(made.id);
        announce(`Claim ${number(made)} of ${state.claims.length} added`);
        toast("Claim added. Select its source or cue in the text to mark them.");
      } catch (e) { $(".error", f).textContent = e.message; }
    } },
    el("p", {}, "Content: ", el("q", {}, span.text)),
    el("label", {}, "Kind", el("select", { name: "kind" }, (state.workflow?.kinds || []).map((k) => el("option", { value: k, selected: k === "indirect" }, label(k))))),
    el("label", {}, "Speaker", el("input", { name: "speaker", maxlength: 200, placeholder: "who says it (empty for the article's own voice)" })),
    el("p", { class: "actions" }, el("button", { type: "submit", class: "primary" }, "Add claim"), el("button", { type: "button", onclick: () => renderPanel() }, "Cancel")),
    el("p", { class: "error", role: "alert" })));
  $("#manual-form [name=speaker]").focus();
}

// ---- keys ------------------------------------------------------------------

export function panelKey(key) {
  const c = current();
  const keys = {
    s: () => may(c, "start_review") && patch({ status: "in_progress" }),
    v: () => $("#verdict")?.focus(),
    p: () => may(c, "propose_verdict") && proposeVerdict(),
    a: () => may(c, "approve") && move({ status: "approved" }),
    r: () => (may(c, "send_back") || may(c, "reopen")) && move({ status: "in_progress" }),
    x: () => may(c, "correct_extraction") && patch({ not_a_claim: !c.not_a_claim }),
    m: () => may(c, "assign") && c.assignee_id !== state.me.id && assignToMe(),
    e: () => $("#evidence-form [name=url]")?.focus(),
    c: () => $("#comment-form [name=body]")?.focus(),
    h: () => $("#history-list")?.scrollIntoView({ block: "start" }),
    n: () => roleAtLeast("editor") && $("#reader .body") && toast("Select the claim's words in the article, then choose “New claim from selection”."),
  };
  const f = keys[key];
  if (f) f();
  return !!f;
}
