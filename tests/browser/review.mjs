// Drives Debian's chromium through a review: log in, open the article, walk
// the highlighted claims with the keyboard, start work, propose a verdict,
// add evidence, open the printable report. Run by tests/api/browser.rs, which starts the server and
// passes: base URL, email, password, expected number of claims, screenshot path.
import { chromium } from "playwright-core";

const [base, email, password, expectedClaims, shot] = process.argv.slice(2);
const fail = (msg) => { console.error(`browser test: ${msg}`); process.exitCode = 1; };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  // The 401s are expected: the page asks who is logged in before anyone is,
  // and the test tries a wrong password first.
  page.on("console", (m) => { if (m.type() === "error" && !m.text().includes("status of 401")) errors.push(m.text()); });

  await page.goto(base);
  await page.fill("#login-form [name=email]", email);
  await page.fill("#login-form [name=password]", "wrong password!");
  await page.click("#login-form button");
  await page.waitForSelector("#login-error:has-text('wrong')");
  await page.fill("#login-form [name=password]", password);
  await page.click("#login-form button");
  await page.waitForSelector("#overview-view #counts");
  await page.click("#nav a[data-view=desk]");
  await page.waitForSelector("#article-list li[data-id]");
  await page.waitForSelector("#reader .c");

  const highlighted = await page.$$eval("#reader .c", (n) => new Set(n.map((x) => x.dataset.claim)).size);
  if (highlighted !== Number(expectedClaims)) fail(`${highlighted} claims highlighted, expected ${expectedClaims}`);

  // Keyboard review of the first claim.
  await page.keyboard.press("j");
  await page.waitForSelector("#panel h2:has-text('Claim 1 of')");
  const cue = await page.textContent("#reader .c.selected.role-cue");
  if (!cue || !cue.trim()) fail("the selected claim's cue is not marked in the text");
  await page.keyboard.press("s");
  await page.waitForSelector("#panel .pill.st-in_progress");
  await page.keyboard.press("v");
  await page.selectOption("#verdict", "mostly_true");
  await page.keyboard.press("Escape");
  await page.keyboard.press("p");
  await page.waitForSelector("#panel .pill.st-verdict_proposed");
  if (!(await page.isVisible("#reader .c.selected.st-verdict_proposed"))) fail("the highlight did not take the new status");

  // Evidence through the form, reached by its key.
  await page.keyboard.press("e");
  await page.keyboard.type("https://stats.example.org/jobs-2025");
  await page.fill("#evidence-form [name=title]", "Labour statistics 2025");
  await page.selectOption("#evidence-form [name=stance]", "supports");
  await page.click("#evidence-form button");
  await page.waitForSelector("#evidence-list a:has-text('Labour statistics 2025')");

  // Next claim with j, then back with k.
  await page.keyboard.press("j");
  await page.waitForSelector("#panel h2:has-text('Claim 2 of')");
  await page.keyboard.press("k");
  await page.waitForSelector("#panel h2:has-text('Claim 1 of')");
  await page.waitForSelector("#evidence-list a:has-text('Labour statistics 2025')");

  if (shot) await page.screenshot({ path: shot, fullPage: false });

  // The printable report opens in a tab of its own, with the review in it.
  const [report] = await Promise.all([
    page.context().waitForEvent("page"),
    page.click("#reader .reports a:has-text('working copy')"),
  ]);
  await report.waitForLoadState();
  await report.waitForSelector("h2:has-text('Mostly true (proposed, awaiting approval)')");
  await report.waitForSelector("a:has-text('Labour statistics 2025')");
  if (shot) await report.screenshot({ path: shot.replace(/\.png$/, "-report.png"), fullPage: false });
  if (errors.length) fail(`page errors: ${errors.join("; ")}`);
  if (!process.exitCode) console.log("browser test: review flow ok");
} catch (e) {
  fail(e.stack || String(e));
} finally {
  await browser.close();
}
