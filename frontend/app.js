// claimdesk frontend: plain ES modules, no build step. This one holds the
// session (log in, log out, expiry), the views and the keys; the views
// live in review.js (articles), queue.js (claims queue) and admin.js
// (people, own account).

import { $, $$, el } from "./dom.js";
import { api, whenUnauthorized } from "./api.js";
import { state, resetState, roleAtLeast } from "./state.js";
import { openArticle, setupReader, reviewKey } from "./review.js";
import { loadArticles, setupArticles } from "./articles.js";
import { renderPanel } from "./panel.js";
import { follow } from "./live.js";
import { showQueue, queueKey, resetQueue } from "./queue.js";
import { showPeople, showAccount } from "./admin.js";
import { showOverview } from "./overview.js";

const VIEWS = ["overview-view", "desk", "queue-view", "people-view", "account-view"];

// ---- session ---------------------------------------------------------------

// Removes every trace of the signed-in user from the page: what the views
// rendered, what forms hold, the title in the header. Static parts of the
// page hold no user data; everything else is emptied.
function wipe() {
  follow(null);
  resetState();
  resetQueue();
  for (const id of VIEWS) $(`#${id}`).hidden = true;
  for (const sel of ["#who", "#article-list", "#panel", "#overview-view", "#queue-view", "#people-view", "#account-view", "#login-error", "#login-message", "#confirm-text"]) $(sel).replaceChildren();
  $("#reader").replaceChildren(el("p", { class: "hint" }, "Choose an article. Keys: ", el("kbd", {}, "j"), "/", el("kbd", {}, "k"), " next/previous claim, ", el("kbd", {}, "?"), " all keys."));
  for (const f of $$("form")) f.reset();
  for (const e of $$("form .error, form .notice")) e.replaceChildren();
  for (const d of $$("dialog[open]")) d.close();
  for (const sel of ["#chooser", "#selection-tools", "#announce"]) $(sel)?.replaceChildren();
  $("#chooser")?.remove();
  $("#selection-tools")?.remove();
  $("#new-article").open = false;
  $("#more-articles").hidden = true;
  $("#toast")?.remove();
  $("#nav").hidden = true;
  $("#logout").hidden = true;
  document.title = "claimdesk";
}

function showLogin(message) {
  $("#login-view").hidden = false;
  $("#login-message").textContent = message || "";
  $("#login-form [name=email]").focus();
}

// A request refused for want of a session: the session expired or was
// revoked. Nothing of it stays on the page; the address keeps the place,
// so logging in again returns there.
whenUnauthorized(() => {
  if (!state.me) return;
  wipe();
  showLogin("Your session has ended. Log in again to continue where you were.");
});

async function start() {
  let me;
  try {
    me = await api("GET", "/me");
  } catch {
    wipe();
    return showLogin();
  }
  state.me = me;
  $("#login-view").hidden = true;
  $("#logout").hidden = false;
  $("#who").textContent = `${me.name} · ${me.role}`;
  // The article list does not wait for the rules; the people list does
  // (who may assign comes from the workflow's roles).
  const rules = async () => {
    state.workflow = await api("GET", "/workflow").catch(() => null);
    state.verdicts = state.workflow?.verdicts || [];
    if (typeof state.workflow?.checkworthiness_threshold === "number") state.threshold = state.workflow.checkworthiness_threshold;
    state.people = roleAtLeast("checker") ? await api("GET", "/people").catch(() => null) : null;
  };
  await Promise.all([rules(), loadArticles(true)]);
  $("#new-article").hidden = !roleAtLeast("checker");
  $("#nav").hidden = false;
  $("#nav-people").hidden = !roleAtLeast("admin");
  await route();
}

$("#login-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const f = ev.target;
  $("#login-error").textContent = "";
  try {
    await api("POST", "/auth/login", { email: f.email.value, password: f.password.value });
    f.reset();
    $("#login-message").textContent = "";
    await start();
  } catch (e) {
    $("#login-error").textContent = e.message;
  }
});

$("#logout").addEventListener("click", async () => {
  await api("POST", "/auth/logout").catch(() => {});
  wipe();
  history.replaceState(null, "", location.pathname);
  showLogin("You are logged out.");
});

// ---- views -----------------------------------------------------------------

// The address says where we are: `#article=<id>[&claim=<id>]`,
// `#queue[&filters]`, `#people`, `#account`; nothing opens the overview.
async function route() {
  if (!state.me) return;
  const params = new URLSearchParams(location.hash.slice(1));
  let view = "desk";
  if (params.has("queue")) view = "queue-view";
  else if (params.has("overview") || !location.hash.slice(1)) view = "overview-view";
  else if (params.has("people") && roleAtLeast("admin")) view = "people-view";
  else if (params.has("account")) view = "account-view";
  state.view = view === "queue-view" ? "queue" : view;
  for (const id of VIEWS) $(`#${id}`).hidden = id !== view;
  for (const a of $$("#nav a")) a.setAttribute("aria-current", a.dataset.view === view ? "page" : "false");
  try {
    if (view === "queue-view") await showQueue(params);
    else if (view === "overview-view") await showOverview();
    else if (view === "people-view") await showPeople();
    else if (view === "account-view") showAccount();
    else {
      const id = params.get("article") || state.article?.id || state.articles[0]?.id;
      if (id) await openArticle(id, params.get("claim"));
      else renderPanel();
    }
  } catch (e) {
    if (e.status === 401) return;
    if (e.status === 404 && view === "desk") {
      $("#reader").replaceChildren(el("p", { class: "hint" }, "That article is not here (deleted, or the link is wrong). Choose another one."));
      return;
    }
    const target = view === "desk" ? $("#reader") : $(`#${view}`);
    target.replaceChildren(el("p", { class: "error" }, e.message));
  }
}

window.addEventListener("hashchange", route);
setupArticles();
setupReader();

// ---- keyboard --------------------------------------------------------------

document.addEventListener("keydown", (ev) => {
  const active = document.activeElement?.tagName;
  const typing = ["INPUT", "TEXTAREA", "SELECT"].includes(active);
  if (ev.key === "Escape" && typing) { document.activeElement.blur(); return; }
  if (typing || ev.ctrlKey || ev.metaKey || ev.altKey || !state.me || $("dialog[open]")) return;
  if (ev.key === "Enter" && ["BUTTON", "A", "SUMMARY"].includes(active)) return;
  if (ev.key === "?") { ev.preventDefault(); $("#help").showModal(); return; }
  if (ev.key === "g") { ev.preventDefault(); location.hash = "queue"; return; }
  if (ev.key === "o") { ev.preventDefault(); location.hash = "overview"; return; }
  const handled = state.view === "queue" ? queueKey(ev.key) : state.view === "desk" ? reviewKey(ev.key) : false;
  if (handled) ev.preventDefault();
});

start();
