// The editor's desk in Debian's chromium, scenario by scenario; each step
// asserts what the page shows. Run by tests/api/browser.rs (the_editors_desk),
// which starts the server, seeds two articles and five named accounts, serves
// a page to fetch, and passes {base, users, page, shots} as JSON.
import { chromium } from "playwright-core";
import path from "node:path";

const { base, users, page: pageUrl, shots } = JSON.parse(process.argv[2]);
const { checker, checker2, editor, viewer, admin } = users;
let step = "start";
const errors = [];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"],
});

function check(ok, msg) { if (!ok) throw new Error(`${step}: ${msg}`); }

async function newPage(viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.on("pageerror", (e) => errors.push(`${step}: ${e}`));
  // 401s are expected (who is logged in, before anyone is; ended sessions);
  // so are the refusals the scenarios provoke on purpose.
  page.on("console", (m) => {
    if (m.type() === "error" && !/status of (401|422|502)/.test(m.text())) errors.push(`${step}: ${m.text()}`);
  });
  page.on("dialog", (d) => d.accept());
  return page;
}

async function login(page, user, hash = "") {
  await page.goto(`${base}/${hash}`);
  await page.waitForSelector("#login-form [name=email]", { state: "visible" });
  await page.fill("#login-form [name=email]", user.email);
  await page.fill("#login-form [name=password]", user.password);
  await page.click("#login-form button[type=submit]");
  await page.waitForSelector(`#who:has-text("${user.name}")`);
}

const rowCount = (page) => page.$$eval("#queue tbody tr", (r) => r.length);
async function waitRows(page, n) {
  await page.waitForFunction((n) => document.querySelectorAll("#queue tbody tr").length === n, n, { timeout: 5000 })
    .catch(async () => { throw new Error(`${step}: expected ${n} queue rows, saw ${await rowCount(page)}`); });
}
async function waitSomeRows(page) {
  await page.waitForSelector("#queue tbody tr", { timeout: 5000 });
}
async function noSideways(page, what) {
  const [sw, iw] = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
  check(sw <= iw, `${what} scrolls sideways: scrollWidth ${sw} > innerWidth ${iw}`);
}
const shot = (page, name) => page.screenshot({ path: path.join(shots, name) });

// Nothing of `user` or their work may remain in the page once they are gone.
async function nothingLeft(page, user, words) {
  const html = await page.evaluate(() => document.documentElement.outerHTML
    + [...document.querySelectorAll("input, textarea, select")].map((i) => i.value).join(" "));
  for (const w of [user.name, user.email, ...words]) check(!html.includes(w), `"${w}" is still in the page`);
  check(await page.isVisible("#login-form"), "the login form is not shown");
  check(!(await page.isVisible("#desk")) && !(await page.isVisible("#queue-view")), "a view shows under the login form");
}

try {
  // ---- first visit: only the login form --------------------------------
  step = "first visit";
  const page = await newPage();
  await page.goto(base);
  await page.waitForSelector("#login-form", { state: "visible" });
  check(!(await page.isVisible("#desk")), "the empty desk shows under the login form");
  check(!(await page.isVisible("#nav")), "the views' links show before login");
  await shot(page, "login-1280.png");

  // ---- the queue: filters narrow, survive a reload, views ---------------
  step = "queue filters";
  await login(page, checker);
  step = "overview";
  await page.waitForSelector("#counts h2:has-text('6 claims')");
  await page.waitForSelector("#counts a:has-text('6 unreviewed')");
  await page.waitForSelector("#overview-mine:has-text('Nothing is assigned to you')");
  check(!(await page.$("#overview-waiting")), "a checker is shown claims waiting for approval");
  step = "queue filters";
  await page.click("#nav a[data-view=queue-view]");
  await waitRows(page, 6);
  await page.selectOption("#queue-filters [name=kind]", "unattributed");
  await waitRows(page, 2);
  check(page.url().includes("kind=unattributed"), `filter not in the address: ${page.url()}`);
  await page.reload();
  await waitRows(page, 2);
  check(await page.inputValue("#queue-filters [name=kind]") === "unattributed", "the kind filter is lost on reload");
  // The export holds exactly the filtered claims.
  step = "queue export";
  const exported = await page.evaluate(async () => {
    const href = [...document.querySelectorAll("#queue-export a")].find((a) => a.textContent === "JSON").href;
    const report = await (await fetch(href)).json();
    const shown = [...document.querySelectorAll("#queue tbody tr")].length;
    return { href, claims: report.claims.length, kinds: [...new Set(report.claims.map((c) => c.kind))], shown };
  });
  check(exported.href.includes("kind=unattributed"), `the export ignores the filter: ${exported.href}`);
  check(exported.claims === exported.shown && exported.kinds.join() === "unattributed", `the export holds other claims: ${JSON.stringify(exported)}`);
  step = "queue filters";
  await page.fill("#queue-filters [name=q]", "ferry");
  await page.press("#queue-filters [name=q]", "Enter");
  await waitRows(page, 1);
  check((await page.textContent("#queue tbody")).includes("Ferry fares rose"), "the search found the wrong claim");
  await page.fill("#queue-filters [name=q]", "zebra");
  await page.press("#queue-filters [name=q]", "Enter");
  await waitRows(page, 0);
  await page.waitForSelector("#queue-empty:has-text('No claims match these filters')");
  await page.click(".views a:has-text('Unassigned check-worthy')");
  await waitRows(page, 6);
  check(page.url().includes("assignee=none") && page.url().includes("min_checkworthiness=0.5"), page.url());
  check(!(await page.isVisible(".views a:has-text('Waiting for approval')")), "a checker is offered the approval view");
  await page.click("#queue th button:has-text('Worthy')");
  check((await page.textContent("#queue tbody tr:first-child td.num")) === "70%", "sorting by check-worthiness did not put the lowest first");
  await page.click("#queue th button:has-text('Worthy')");
  check((await page.textContent("#queue tbody tr:first-child td.num")) === "90%", "sorting again did not put the highest first");
  await shot(page, "queue-1280.png");

  // ---- open from the queue, assign to me with one key, propose ---------
  step = "assign to self";
  await page.keyboard.press("j");
  const proposed = (await page.textContent("#queue tr.current td.claim-text a")).trim();
  await page.keyboard.press("Enter");
  await page.waitForSelector("#panel h2:has-text('Claim')");
  check((await page.textContent("#panel dl")).includes(proposed), "Enter opened another claim");
  check(await page.isVisible("#reader .c.selected"), "the opened claim is not selected in its article");
  await page.keyboard.press("m");
  await page.waitForSelector(`#assignee:has-text("${checker.name}")`);
  await page.keyboard.press("s");
  await page.waitForSelector("#panel .pill.st-in_progress");
  await page.selectOption("#verdict", "mostly_true");
  await page.keyboard.press("Escape");
  await page.keyboard.press("p");
  await page.waitForSelector("#panel .pill.st-verdict_proposed");

  step = "assign to another";
  const [at, of] = (await page.textContent("#panel h2")).match(/\d+/g).map(Number);
  await page.keyboard.press(at < of ? "j" : "k");
  await page.waitForFunction((t) => { const d = document.querySelector("#panel dl"); return d && !d.textContent.includes(t); }, proposed);
  await page.waitForSelector("#assign-to");
  const second = (await page.textContent("#panel dl dd:nth-of-type(5)")).trim();
  await page.selectOption("#assign-to", checker2.id);
  await page.waitForSelector(`#assignee:has-text("${checker2.name}")`);
  await page.waitForSelector(`#history-list li:has-text("assignee nobody → ${checker2.name}")`);
  await shot(page, "desk-1280.png");
  const deskText = await page.innerText("#desk");
  check(!/\b(null|undefined|NaN)\b/.test(deskText), `the page prints a missing value: ${deskText}`);

  step = "bulk assign";
  await page.goto(`${base}/#queue&assignee=none`);
  await waitRows(page, 4);
  await page.keyboard.press("x");
  await page.keyboard.press("j");
  await page.keyboard.press("x");
  await page.waitForSelector("#picked-count:has-text('2 selected')");
  const bulkTexts = await page.$$eval("#queue tbody tr", (rows) => rows.filter((r) => r.querySelector("input:checked")).map((r) => r.querySelector(".claim-text a").textContent));
  await page.selectOption("#bulk [name=to]", checker2.id);
  await page.click("#bulk button[type=submit]");
  await page.waitForFunction((n) => [...document.querySelectorAll("#queue td.assignee")].filter((t) => t.textContent === n).length === 2, checker2.name);

  // ---- add articles: file upload, URL fetch, errors in words -------------
  step = "upload";
  await page.click("#nav a[data-view=desk]");
  await page.click("#new-article summary");
  await page.setInputFiles("#upload-form [name=file]", { name: "bridge.md", mimeType: "text/markdown",
    buffer: Buffer.from("# Bridge Repairs Delayed\n\nThe city engineer said the bridge will reopen in June. Repairs cost 4 million euros in 2025.\n") });
  await page.click("#upload-form button[type=submit]");
  await page.waitForSelector("#reader h1:has-text('Bridge Repairs Delayed')");
  check((await page.textContent("#reader .body")).includes("the bridge will reopen in June"), "the uploaded text is not shown");
  await page.waitForSelector("#article-list a:has-text('Bridge Repairs Delayed')");

  step = "fetch";
  await page.click("#new-article summary");
  await page.fill("#fetch-form [name=url]", "http://127.0.0.1:9/nothing-here");
  await page.click("#fetch-form button[type=submit]");
  await page.waitForSelector("#fetch-form .error:not(:empty)");
  const fetchError = await page.textContent("#fetch-form .error");
  check(/\w+ \w+/.test(fetchError) && !/^HTTP/.test(fetchError), `fetch error not in words: ${fetchError}`);
  await page.fill("#fetch-form [name=url]", pageUrl);
  await page.click("#fetch-form button[type=submit]");
  await page.waitForSelector("#reader h1:has-text('Tram line opens')");

  // ---- an ended session: login with a message, then back to the place ----
  step = "expiry";
  await page.goto(`${base}/#queue&kind=indirect`);
  await waitSomeRows(page);
  await page.context().clearCookies();
  await page.keyboard.press("j");
  await page.click(".views a:has-text('Assigned to me')");
  await page.waitForSelector("#login-message:has-text('session has ended')");
  await nothingLeft(page, checker, ["Harbour Budget Approved", "Ferry fares rose"]);
  await page.fill("#login-form [name=email]", checker.email);
  await page.fill("#login-form [name=password]", checker.password);
  await page.click("#login-form button[type=submit]");
  await waitRows(page, 1);
  check(page.url().includes("assignee=me"), `not back where the session ended: ${page.url()}`);

  // ---- logout leaves nothing ----------------------------------------------
  step = "logout";
  await page.click("#nav a[data-view=desk]");
  await page.waitForSelector("#reader h1");
  await page.keyboard.press("j");
  await page.waitForSelector("#panel h2");
  // A toast still on screen at logout (the app's own, naming an article).
  await page.evaluate(() => import("/dom.js").then((m) => m.toast("Deleted “Tram line opens”")));
  await page.waitForSelector("#toast");
  // It only tells: what lies under it still takes the click.
  const underToast = await page.evaluate(() => {
    const r = document.querySelector("#toast").getBoundingClientRect();
    return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)?.id;
  });
  check(underToast !== "toast", "the toast takes the clicks meant for the buttons under it");
  await page.click("#logout");
  await page.waitForSelector("#login-message:has-text('logged out')");
  check(!(await page.$("#toast")), "a toast of the previous user outlives the logout");
  await nothingLeft(page, checker, ["Jobs Report Shows Gains", "Harbour Budget Approved", "Tram line opens", "Ferry fares rose", proposed]);

  // ---- the other checker sees what was assigned to them -----------------
  step = "assigned to me";
  await login(page, checker2, "#queue&assignee=me");
  await waitRows(page, 3);
  const mine = await page.textContent("#queue tbody");
  for (const t of [second, ...bulkTexts]) check(mine.includes(t), `"${t}" is not in ${checker2.name}'s queue`);

  step = "own password";
  await page.click("#nav a[data-view=account-view]");
  await page.fill("#password-form [name=current]", checker2.password);
  await page.fill("#password-form [name=new_password]", "short");
  await page.fill("#password-form [name=again]", "short");
  await page.click("#password-form button[type=submit]");
  await page.waitForSelector("#password-form .error:has-text('characters')");
  const newPassword = "a brand new passphrase 7";
  await page.fill("#password-form [name=current]", checker2.password);
  await page.fill("#password-form [name=new_password]", newPassword);
  await page.fill("#password-form [name=again]", newPassword);
  await page.click("#password-form button[type=submit]");
  await page.waitForSelector("#toast:has-text('Password changed')");
  await page.click("#logout");
  await page.waitForSelector("#login-form", { state: "visible" });
  checker2.password = newPassword;
  await login(page, checker2);
  await page.click("#logout");
  await page.waitForSelector("#login-form", { state: "visible" });

  // ---- the editor: waiting for approval, re-extract, delete ---------------
  step = "waiting for approval";
  await login(page, editor);
  await page.waitForSelector(`#overview-waiting li:has-text("${proposed}")`);
  await page.waitForSelector(`#recent li:has-text("${checker.name}")`);
  await shot(page, "overview-1280.png");
  await page.click("#nav a[data-view=queue-view]");
  await page.click(".views a:has-text('Waiting for approval')");
  await waitRows(page, 1);
  check((await page.textContent("#queue tbody")).includes(proposed), "the checker's proposal is not waiting");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#panel button:has-text('Approve')");

  step = "re-extract";
  await page.click("#article-list a:has-text('Tram line opens')");
  await page.waitForSelector("#reader h1:has-text('Tram line opens')");
  await page.click("#reextract");
  await page.waitForSelector("#reextract-result:has-text('kept')");

  step = "delete";
  await page.click("#article-list a:has-text('Bridge Repairs Delayed')");
  await page.waitForSelector("#reader h1:has-text('Bridge Repairs Delayed')");
  await page.click("#delete-article");
  await page.waitForSelector("#confirm[open]");
  check((await page.textContent("#confirm-text")).includes("kept for the record"), "the confirmation does not say what is kept");
  await page.click("#confirm-ok");
  await page.waitForFunction(() => ![...document.querySelectorAll("#article-list a")].some((a) => a.textContent.includes("Bridge Repairs")));
  await page.goto(`${base}/#queue&q=bridge`);
  await waitRows(page, 0);

  // ---- layout: tablet and phone -----------------------------------------
  step = "layout";
  for (const [w, h] of [[820, 1180], [390, 844]]) {
    await page.setViewportSize({ width: w, height: h });
    await page.goto(`${base}/#queue`);
    await waitSomeRows(page);
    await noSideways(page, `the queue at ${w} px`);
    if (w === 820) await shot(page, "queue-820.png");
    await page.click("#nav a[data-view=desk]");
    await page.waitForSelector("#reader h1");
    await page.keyboard.press("j");
    await page.waitForSelector("#panel h2");
    await noSideways(page, `the desk at ${w} px`);
    if (w === 820) await shot(page, "desk-820.png");
    else await shot(page, "desk-390.png");
    await page.click("#nav a[data-view=overview-view]");
    await page.waitForSelector("#counts");
    await noSideways(page, `the overview at ${w} px`);
    if (w === 820) await shot(page, "overview-820.png");
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.click("#logout");
  await page.waitForSelector("#login-form", { state: "visible" });
  await nothingLeft(page, editor, ["Bridge Repairs Delayed", "Tram line opens", proposed]);

  // ---- a viewer sees no write controls ------------------------------------
  step = "viewer";
  await login(page, viewer);
  await page.waitForSelector("#counts");
  await page.click("#nav a[data-view=desk]");
  await page.waitForSelector("#reader h1");
  await page.keyboard.press("j");
  await page.waitForSelector("#panel h2:has-text('Claim 1 of')");
  await page.waitForSelector("#evidence-list li:not(:has-text('Loading'))");
  const writes = await page.$$eval("#desk button:not(#more-articles), #desk form:not(#article-search):not(#display), #panel select, #panel textarea",
    (n) => n.filter((x) => x.offsetParent !== null).map((x) => x.id || x.textContent.trim()));
  check(writes.length === 0, `a viewer sees write controls: ${writes.join(", ")}`);
  const shown = await page.innerText("#desk");
  check(!/\b(null|undefined|NaN)\b/.test(shown), `the page prints a missing value: ${shown}`);
  check(!(await page.isVisible("#new-article")), "a viewer is offered to add articles");
  await page.click("#nav a[data-view=queue-view]");
  await waitSomeRows(page);
  check(!(await page.$("#bulk")) && !(await page.$("#queue input[type=checkbox]")), "a viewer is offered bulk assignment");
  check(!(await page.isVisible("#nav-people")), "a viewer is offered the people admin");
  await page.click("#logout");
  await page.waitForSelector("#login-form", { state: "visible" });

  // ---- admin: add a person, who logs in; disable them, their session ends --
  step = "people";
  await login(page, admin, "#people");
  await page.waitForSelector("#users tbody tr");
  const nia = { name: "Nia Novak", email: "nia.novak@example.org", password: "a long enough password 42" };
  await page.fill("#add-user [name=name]", nia.name);
  await page.fill("#add-user [name=email]", nia.email);
  await page.selectOption("#add-user [name=role]", "checker");
  await page.fill("#add-user [name=password]", nia.password);
  await page.click("#add-user button[type=submit]");
  await page.waitForSelector(`#users tr[data-email="${nia.email}"] .user-status:has-text('active')`);
  await shot(page, "people-1280.png");
  const niaPage = await newPage();
  await login(niaPage, nia);
  // Settled: the newest article open, nothing more on its way.
  await niaPage.waitForSelector("#counts");
  await page.click(`#users tr[data-email="${nia.email}"] button:has-text('Disable')`);
  await page.waitForSelector(`#users tr[data-email="${nia.email}"] .user-status:has-text('disabled')`);
  await niaPage.click("#nav a[data-view=queue-view]");
  await niaPage.waitForSelector("#login-message:has-text('session has ended')");
  await nothingLeft(niaPage, nia, ["Jobs Report Shows Gains"]);
  await niaPage.fill("#login-form [name=email]", nia.email);
  await niaPage.fill("#login-form [name=password]", nia.password);
  await niaPage.click("#login-form button[type=submit]");
  await niaPage.waitForSelector("#login-error:not(:empty)");
  await page.click(`#users tr[data-email="${nia.email}"] button:has-text('Re-enable')`);
  await page.waitForSelector(`#users tr[data-email="${nia.email}"] .user-status:has-text('active')`);
  await page.selectOption(`#users tr[data-email="${nia.email}"] select`, "editor");
  await page.waitForSelector("#toast:has-text('editor')");
  check(await page.inputValue(`#users tr[data-email="${nia.email}"] select`) === "editor", "the role change did not stick");
  await login(niaPage, nia);
  await niaPage.waitForSelector(`#who:has-text("editor")`);
  await page.setViewportSize({ width: 820, height: 1180 });
  await noSideways(page, "people at 820 px");
  await shot(page, "people-820.png");
  await page.setViewportSize({ width: 390, height: 844 });
  await noSideways(page, "people at 390 px");
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.click("#nav a[data-view=account-view]");
  await page.waitForSelector("#password-form");
  await shot(page, "account-1280.png");

  if (errors.length) throw new Error(`page errors: ${errors.join("; ")}`);
  console.log("browser test: desk scenarios ok");
} catch (e) {
  console.error(`browser test failed at ${step}: ${e.stack || e}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
