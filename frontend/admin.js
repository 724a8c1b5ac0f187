// Accounts: the admin's list of people (add, change role, disable and
// re-enable) and everyone's own password.

import { $, fill, el, toast, label, busy } from "./dom.js";
import { api } from "./api.js";
import { state } from "./state.js";

export async function showPeople() {
  const view = $("#people-view");
  const roles = state.workflow?.roles || [];
  const roleSelect = (name, value, attrs = {}) => el("select", { name, ...attrs },
    roles.map((r) => el("option", { value: r, selected: r === value }, label(r))));
  const add = el("form", { id: "add-user", class: "card grid-form", onsubmit: (ev) => {
    ev.preventDefault();
    const f = ev.target;
    const body = { email: f.email.value.trim(), name: f.name.value.trim(), role: f.role.value, password: f.password.value };
    busy(f, "Adding…", async () => {
      const u = await api("POST", "/users", body);
      f.reset();
      $("#new-password").textContent = "";
      toast(`Added ${u.name} (${u.role}). Give them their password by a safe channel.`);
      await renderList();
    });
  } },
  el("h2", {}, "Add a person"),
  el("label", {}, "Name", el("input", { name: "name", required: true, autocomplete: "off" })),
  el("label", {}, "Email", el("input", { name: "email", type: "email", required: true, autocomplete: "off" })),
  el("label", {}, "Role", roleSelect("role", roles[1] || roles[0])),
  el("label", {}, "Password", el("input", { name: "password", type: "text", required: true, autocomplete: "new-password" })),
  el("p", { class: "actions" },
    el("button", { type: "button", onclick: () => {
      const pw = generatePassword();
      add.password.value = pw;
      $("#new-password").textContent = `Generated: ${pw}. It is shown only now; note it before adding.`;
    } }, "Generate a password"),
    el("button", { type: "submit", class: "primary" }, "Add")),
  el("p", { id: "new-password", class: "notice", role: "status" }),
  el("p", { class: "error", role: "alert" }));
  const list = el("div", { class: "table-wrap" }, el("p", { class: "hint" }, "Loading…"));
  fill(view, el("h1", {}, "People"), list, add);

  async function renderList() {
    let users;
    try {
      users = await api("GET", "/users");
    } catch (e) {
      fill(list, el("p", { class: "error" }, e.message));
      return;
    }
    fill(list, el("table", { id: "users", class: "dense" },
      el("thead", {}, el("tr", {}, ["Name", "Email", "Role", "Status", ""].map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, users.map((u) => {
        const self = u.id === state.me.id;
        const role = roleSelect("role", u.role, { "aria-label": `Role of ${u.name}`, disabled: self });
        role.addEventListener("change", () => update(u, { role: role.value }));
        return el("tr", { "data-email": u.email, class: u.disabled ? "disabled" : null },
          el("td", {}, u.name), el("td", {}, u.email), el("td", {}, role),
          el("td", { class: "user-status" }, u.disabled ? "disabled" : "active"),
          el("td", {}, self ? el("small", {}, "you") : el("button", { type: "button", class: u.disabled ? null : "danger",
            onclick: () => update(u, { disabled: !u.disabled }) }, u.disabled ? "Re-enable" : "Disable")));
      }))));
  }
  async function update(u, change) {
    try {
      const v = await api("PATCH", `/users/${u.id}`, change);
      toast(change.disabled === true ? `${v.name} is disabled; their sessions have ended.` : `${v.name}: ${v.disabled ? "disabled" : "active"}, ${v.role}`);
    } catch (e) { toast(e.message); }
    await renderList();
  }
  await renderList();
}

function generatePassword() {
  const alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
}

export function showAccount() {
  const me = state.me;
  fill($("#account-view"),
    el("h1", {}, "Your account"),
    el("p", {}, `${me.name} · ${me.email} · ${label(me.role)}`),
    el("form", { id: "password-form", class: "card grid-form", onsubmit: (ev) => {
      ev.preventDefault();
      const f = ev.target;
      if (f.new_password.value !== f.again.value) {
        $(".error", f).textContent = "The two new passwords differ.";
        return;
      }
      busy(f, "Changing…", async () => {
        await api("PUT", "/me/password", { current_password: f.current.value, new_password: f.new_password.value });
        f.reset();
        toast("Password changed; your other sessions have ended.");
      });
    } },
    el("h2", {}, "Change your password"),
    el("label", {}, "Current password", el("input", { name: "current", type: "password", required: true, autocomplete: "current-password" })),
    el("label", {}, "New password", el("input", { name: "new_password", type: "password", required: true, autocomplete: "new-password" })),
    el("label", {}, "New password again", el("input", { name: "again", type: "password", required: true, autocomplete: "new-password" })),
    el("button", { type: "submit", class: "primary" }, "Change password"),
    el("p", { class: "error", role: "alert" })),
  );
}
