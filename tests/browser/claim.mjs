// The claim, whole, in Debian's chromium; each step asserts what the page
// shows. Run by tests/api/browser_claim.rs, which seeds two articles (one
// with an approved Putin claim), a 5,000-word article through the real
// extractor, a checker and an editor, and passes them as JSON.
import { chromium } from "playwright-core";
import path from "node:path";

const cfg = JSON.parse(process.argv[2]);
const { base, checker, editor, talks, claims, shots } = cfg;
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
  // 401: who is logged in, before anyone is. 409: the stale edit provoked below.
  page.on("console", (m) => {
    if (m.type() === "error" && !/status of (401|409)/.test(m.text())) errors.push(`${step}: ${m.text()}`);
  });
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

const shot = (page, name) => page.screenshot({ path: path.join(shots, name) });
const link = (claim) => `#article=${talks}&claim=${claim}`;
async function open(page, claim) {
  await page.evaluate((h) => { location.hash = h; }, link(claim));
  await page.waitForSelector(`#claim-heading[data-claim="${claim}"]`);
  await page.waitForFunction(() => !document.querySelector("#history-list .hint:first-child")?.textContent.includes("Loading"));
}
const text = (page, sel) => page.textContent(sel).then((t) => (t || "").trim());

// Selects the first occurrence of `words` in the article body, as a mouse would.
async function selectWords(page, words) {
  await page.evaluate((words) => {
    const body = document.querySelector("#reader .body");
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    const nodes = [];
    let all = "";
    for (let t = walker.nextNode(); t; t = walker.nextNode()) { nodes.push([t, all.length]); all += t.data; }
    const at = all.indexOf(words);
    if (at < 0) throw new Error(`“${words}” is not in the article`);
    const find = (pos) => { for (let i = nodes.length - 1; i >= 0; i--) if (nodes[i][1] <= pos) return [nodes[i][0], pos - nodes[i][1]]; };
    const [sn, so] = find(at);
    const [en, eo] = find(at + words.length);
    const r = document.createRange();
    r.setStart(sn, so);
    r.setEnd(en, eo);
    getSelection().removeAllRanges();
    getSelection().addRange(r);
    body.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
  }, words);
  await page.waitForSelector("#selection-tools");
}

const pages = [];
try {
  const ed = await newPage();
  const ch = await newPage();
  pages.push(ed, ch);

  step = "a deep link opens the claim it names";
  await login(ed, editor, link(claims.trade_stated));
  await ed.waitForSelector("#panel #claim-heading");
  check((await text(ed, "#content")).startsWith("Trade between the two countries"), `panel shows ${await text(ed, "#content")}`);
  check(await ed.evaluate((id) => location.hash.includes(`claim=${id}`), claims.trade_stated), "the address lost the claim");
  check(await ed.isVisible("#reader .c.selected"), "the linked claim is not marked in the text");

  step = "a low check-worthiness sentence is faint by default, shown by the toggle";
  const weather = `#reader .c:has-text("The weather was mild.")`;
  check(await ed.$eval(weather, (n) => n.classList.contains("low")), "the 5% sentence is not faint");
  check(await ed.$eval(weather, (n) => !n.hasAttribute("tabindex")), "a faint sentence takes the focus like a claim");
  await ed.selectOption("#low-mode", "shown");
  await ed.waitForSelector(`${weather}.low-shown`);
  await ed.selectOption("#low-mode", "hidden");
  await ed.waitForFunction(() => ![...document.querySelectorAll("#reader .c")].some((n) => n.textContent.includes("The weather was mild.")));
  await ed.selectOption("#low-mode", "faint");
  await ed.waitForSelector(`${weather}.low`);

  step = "clicking where claims overlap offers each of them";
  await ed.click(`#reader .c.overlap:has-text("grew by 40 percent")`);
  await ed.waitForSelector("#chooser [role=menuitem]");
  const offered = await ed.$$eval("#chooser [role=menuitem]", (b) => b.map((x) => x.textContent));
  check(offered.length === 2, `the chooser offers ${offered.length} claims: ${offered}`);
  await ed.click(`#chooser [role=menuitem]:has-text("officials:")`);
  await ed.waitForFunction(() => document.querySelector("#speaker")?.firstChild?.textContent === "officials");
  check(!(await ed.$("#chooser")), "the chooser stays open after choosing");
  const who = await ed.$eval("#speaker", (d) => d.textContent);
  check(/\(group\)/.test(who) && /unresolved/.test(who), `an unresolved group speaker reads ${who}`);

  step = "claims are reached with Tab in reading order";
  const tabbable = await ed.$$eval("#reader .c[tabindex='0']", (n) => n.map((x) => x.getAttribute("aria-label")));
  // Four shown claims, two of them starting at the same word: that one
  // stop offers both (the chooser), so three stops in all.
  check(tabbable.length === 3, `${tabbable.length} claims take the focus: ${tabbable}`);
  check(tabbable[0].includes("Vladimir Putin"), `the first claim in reading order is ${tabbable[0]}`);
  check(!(await ed.$("#reader[aria-live]")), "the whole article is a live region");

  step = "the checker comments, by keyboard";
  await login(ch, checker, link(claims.trade_said));
  await ch.waitForFunction(() => document.querySelector("#speaker")?.firstChild?.textContent === "officials");
  await ch.keyboard.press("s");
  await ch.waitForSelector("#panel .pill.st-in_progress");
  await ch.keyboard.press("c");
  await ch.keyboard.type("Checking the customs data.");
  await ch.keyboard.press("Enter");
  await ch.waitForSelector("#comment-list li:has-text('Checking the customs data.')");
  const act = await ch.evaluate(() => { const a = document.activeElement; return a ? `${a.tagName}#${a.id}.${a.className}` : "none"; });
  check(await ch.evaluate(() => document.activeElement?.classList.contains("c")), `after commenting the focus is not back on the claim but on ${act}`);

  step = "comments show their author, and are edited and deleted";
  // (Read afresh: the live path has a step of its own below.)
  await ed.reload();
  await ed.waitForSelector("#comment-list li:has-text('Checking the customs data.')");
  check((await text(ch, "#comment-list li")).includes("Cora Checker"), "the comment shows no author");
  await ch.click("#comment-list li button.edit");
  await ch.fill("#comment-list .edit-form textarea", "Checking the customs data for 2025.");
  await ch.click("#comment-list .edit-form button[type=submit]");
  await ch.waitForSelector("#comment-list li:has-text('for 2025.')");

  step = "a stale comment edit shows the current text and keeps the draft";
  await ch.click("#comment-list li button.edit");
  await ch.fill("#comment-list .edit-form textarea", "My draft, not to be lost.");
  // Meanwhile the editor changes the comment.
  await ed.reload();
  await ed.waitForSelector("#comment-list li:has-text('for 2025.') button.edit");
  await ed.click("#comment-list li button.edit");
  await ed.fill("#comment-list .edit-form textarea", "Edited by the editor.");
  await ed.click("#comment-list .edit-form button[type=submit]");
  await ed.waitForSelector("#comment-list li:has-text('Edited by the editor.')");
  await ch.click("#comment-list .edit-form button[type=submit]");
  await ch.waitForSelector("#comment-list .notice.stale:has-text('Edited by the editor.')");
  check(await ch.inputValue("#comment-list .edit-form textarea") === "My draft, not to be lost.", "the draft was lost");
  await ch.click("#comment-list .edit-form button:has-text('Cancel')");
  await ch.click("#comment-list li button.delete");
  await ch.click("#confirm-ok");
  await ch.waitForSelector("#comment-list li.hint:has-text('None yet')");

  step = "a similar claim is linked and its approved verdict reused";
  await open(ed, claims.putin);
  await ed.waitForSelector("#similar-list li:has-text('approved')");
  check((await text(ed, "#similar-list li")).includes("Kremlin Repeats Offer"), "the similar claim does not name its article");
  await ed.click("#similar-list button.link-claim");
  await ed.waitForSelector("#reuse-verdict");
  await ed.click("#reuse-verdict");
  await ed.waitForSelector("#panel .pill.st-verdict_proposed");
  check((await text(ed, "#verdict-now")).startsWith("false"), `verdict ${await text(ed, "#verdict-now")}`);
  await ed.waitForSelector("#evidence-list li:has-text('Foreign ministry statement')");
  check((await text(ed, "#evidence-list li")).includes("Edda Editor"), "the copied evidence shows no author");
  check((await text(ed, "#evidence-list blockquote")).includes("No agreement"), "the evidence excerpt is not shown");

  step = "the history lists each change with its author";
  await ed.waitForSelector("#history-list li:has-text('verdict proposed')");
  const hist = await ed.$$eval("#history-list li", (l) => l.map((x) => x.textContent));
  for (const want of ["claim linked", "evidence added", "review started", "verdict proposed", "status in progress → verdict proposed", "verdict — → false"]) {
    check(hist.some((h) => h.includes(want)), `the history lacks “${want}”: ${hist.join(" | ")}`);
  }
  check(hist.every((h) => h.startsWith("Edda Editor")), `an event lacks its author: ${hist.join(" | ")}`);
  check((await text(ed, "#proposed-by")).startsWith("Edda Editor"), "the panel does not say who proposed the verdict");
  await ed.evaluate(() => document.querySelector("#similar").scrollIntoView());
  await shot(ed, "claim-panel-1280.png");
  // The checker sees the same history under the editor's name.
  await open(ch, claims.putin);
  await ch.waitForSelector("#history-list li:has-text('Edda Editor: verdict proposed')");

  step = "a manual claim from selected text";
  await open(ed, claims.putin);
  await selectWords(ed, "claims of weapons transfers");
  await ed.click("#new-claim");
  await ed.fill("#manual-form [name=speaker]", "Moscow and Pyongyang");
  await ed.click("#manual-form button[type=submit]");
  await ed.waitForFunction(() => document.querySelector("#content")?.textContent === "claims of weapons transfers");
  const manualId = await ed.evaluate(() => new URLSearchParams(location.hash.slice(1)).get("claim"));
  check(manualId && manualId !== claims.putin, "the new claim is not selected");
  check((await text(ed, "#panel dl")).includes("added by hand"), "the panel does not say the claim was added by hand");

  step = "a content span corrected by selection";
  await open(ed, claims.brandt);
  check(await text(ed, "#content") === "sanctions have", "the seeded mis-extraction is not what the test expects");
  await selectWords(ed, "sanctions have failed");
  await ed.click("#selection-tools button[data-role=content]");
  await ed.waitForFunction(() => document.querySelector("#content")?.textContent === "sanctions have failed");

  step = "re-extraction keeps both human edits";
  await ed.click("#reextract");
  await ed.waitForSelector("#reextract-result:has-text('Re-extracted')");
  await open(ed, claims.brandt);
  check(await text(ed, "#content") === "sanctions have failed", `the correction was undone: ${await text(ed, "#content")}`);
  await open(ed, manualId);
  check(await text(ed, "#content") === "claims of weapons transfers", "the manual claim is gone");

  step = "the panel at tablet width";
  await ch.setViewportSize({ width: 820, height: 1180 });
  const [sw, iw] = await ch.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
  check(sw <= iw, `the page scrolls sideways at 820 px: ${sw} > ${iw}`);
  await ch.evaluate(() => document.querySelector("#panel").scrollIntoView());
  await shot(ch, "claim-panel-820.png");

  step = "a change by another user appears within 2 s";
  await open(ed, claims.trade_said);
  await open(ch, claims.trade_said);
  await ch.click("#assign-me");
  await ed.waitForSelector("#assignee:has-text('Cora Checker')", { timeout: 2000 });
  await ch.keyboard.press("c");
  await ch.keyboard.type("Customs figures requested.");
  await ch.keyboard.press("Enter");
  await ed.waitForSelector("#comment-list li:has-text('Customs figures requested.')", { timeout: 2000 });
  await ch.click("#evidence-form [name=url]");
  await ch.keyboard.type("https://customs.example.org/2025");
  await ch.keyboard.press("Enter");
  await ed.waitForSelector("#evidence-list li:has-text('customs.example.org')", { timeout: 2000 });

  step = "the speaker's claims across articles, with their export";
  await open(ed, claims.putin);
  await ed.click("#speaker a.speaker-claims");
  await ed.waitForSelector("#queue tbody tr");
  const bySpeaker = await ed.evaluate(() => ({
    speakers: [...new Set([...document.querySelectorAll("#queue tbody tr")].map((r) => r.children[3].textContent))],
    articles: new Set([...document.querySelectorAll("#queue tbody tr")].map((r) => r.lastElementChild.textContent)).size,
    exported: [...document.querySelectorAll("#queue-export a")].every((a) => new URL(a.href).searchParams.get("speaker") === "Vladimir Putin"),
  }));
  check(bySpeaker.speakers.join() === "Vladimir Putin" && bySpeaker.articles === 2 && bySpeaker.exported,
    `the speaker's view: ${JSON.stringify(bySpeaker)}`);

  step = "a 5,000-word article at the default threshold";
  await ed.evaluate((id) => { location.hash = `article=${id}`; }, cfg.long);
  await ed.waitForSelector("#reader h1:has-text('The Long Year of the City')");
  const [low, strong] = await ed.evaluate(() => [document.querySelectorAll("#reader .c.low.first").length, document.querySelectorAll("#reader .c[tabindex='0']").length]);
  check(low > 0 && strong > 0, `at the default threshold ${low} faint and ${strong} full claims`);
  await shot(ed, "long-article-1280.png");

  check(errors.length === 0, `page errors: ${errors.join("; ")}`);
  console.log("claim scenarios ok");
} catch (e) {
  console.error(String(e.stack || e));
  // What each page showed when it failed, beside the screenshots.
  for (const [i, p] of pages.entries()) await shot(p, `failed-${i}.png`).catch(() => {});
  if (errors.length) console.error(`page errors: ${errors.join("; ")}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
