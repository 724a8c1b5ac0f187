// What the page knows about the signed-in user and the rules. Roles,
// transitions, stances and the verdict scale come from GET /workflow; what
// the user may do to a claim comes with the claim (`allowed_actions`), so
// the browser never copies a rule.

export const state = {};

export function resetState() {
  for (const k of Object.keys(state)) delete state[k];
  Object.assign(state, {
    me: null, workflow: null, verdicts: [], people: null,
    articles: [], cursor: null, query: "", titles: new Map(),
    article: null, claims: [], selected: -1,
    // Where the user was in each article this session: article id -> claim id.
    positions: new Map(),
    // Unattributed sentences ranked below this are not shown as claims to
    // check (GET /workflow gives the default); `lowMode` says how.
    threshold: 0.1, lowMode: "faint",
    view: null,
  });
}
resetState();

export const roleAtLeast = (r) => {
  const roles = state.workflow?.roles || [];
  return roles.includes(r) && roles.indexOf(state.me?.role) >= roles.indexOf(r);
};
export const may = (c, action) => (c?.allowed_actions || []).includes(action);

// May the user make the move `from` → `to`: the least role the workflow
// document asks for it.
export const mayMove = (from, to) => {
  const t = (state.workflow?.transitions || []).find((x) => x.from === from && x.to === to);
  return !!t && roleAtLeast(t.min_role);
};

export function personName(id) {
  if (!id) return "";
  if (id === state.me?.id) return `${state.me.name} (me)`;
  return state.people?.find((p) => p.id === id)?.name || "someone";
}

export const current = () => state.claims[state.selected];

// Set by the reader, called by the panel and its parts: a claim changed
// (re-render it, focus it, announce `message`), the article changed (read
// it again and select a claim), select a claim by index.
export const hooks = { changed: () => {}, reload: async () => {}, select: () => {} };

// A claim's number: its place among all the article's claims in reading
// order, as reports number it ("Claim 6 of 18").
export const number = (c) => state.claims.findIndex((x) => x.id === c.id) + 1;

// Reading order (where the content starts, then extraction order), kept
// as corrections move spans; the selection follows its claim.
export function sortClaims() {
  const keep = current();
  state.claims.sort((a, b) => a.content_start - b.content_start || a.ordinal - b.ordinal);
  state.selected = keep ? state.claims.indexOf(keep) : -1;
}
