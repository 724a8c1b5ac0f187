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
