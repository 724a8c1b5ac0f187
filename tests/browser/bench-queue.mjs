// Times the claims queue on a large store (run by scripts/bench-desk.sh):
// from opening a queue view to its first page of rows on screen, measured
// in the page; and a cold load of a queue address, from navigation start.
import { chromium } from "playwright-core";

const [base, email, password, loads] = process.argv.slice(2);
const n = Number(loads);
const VIEWS = ["", "status=verdict_proposed", "status=approved", "assignee=none&min_checkworthiness=0.5",
  "q=budget", "status=in_progress&q=election", "kind=unattributed"];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `p50 ${q(0.5).toFixed(0)} ms, p95 ${q(0.95).toFixed(0)} ms, max ${s[s.length - 1].toFixed(0)} ms (${s.length} loads)`;
};
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(base);
  await page.fill("#login-form [name=email]", email);
  await page.fill("#login-form [name=password]", password);
  await page.click("#login-form button[type=submit]");
  await page.waitForSelector("#who:not(:empty)");

  // Switching views inside the app: hash change to rows painted.
  const warm = [];
  const perView = {};
  for (let i = 0; i < n; i++) {
    const view = VIEWS[i % VIEWS.length];
    const ms = await page.evaluate((view) => new Promise((resolve, reject) => {
      for (const tr of document.querySelectorAll("#queue tbody tr")) tr.dataset.old = "1";
      const t0 = performance.now();
      const done = () => document.querySelector("#queue tbody tr:not([data-old])") || !document.querySelector("#queue-empty")?.hidden;
      const watch = new MutationObserver(() => {
        if (done()) { watch.disconnect(); requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0)); }
      });
      watch.observe(document.body, { childList: true, subtree: true, attributes: true });
      setTimeout(() => reject(new Error(`no rows for ${view} after 10 s`)), 10000);
      location.hash = `queue${view ? "&" + view : ""}`;
    }), view);
    warm.push(ms);
    (perView[view] ||= []).push(ms);
  }
  const rows = await page.$$eval("#queue tbody tr", (x) => x.length);
  console.log(`  open a queue view (7 filters in turn), to rows painted: ${stats(warm)}; ${rows} rows on the last`);
  for (const [view, xs] of Object.entries(perView)) console.log(`    ${view || "(all claims)"}: ${stats(xs)}`);

  // A cold load of a bookmarked queue address.
  const cold = [];
  for (let i = 0; i < Math.min(n, 10); i++) {
    const view = VIEWS[(i + 1) % VIEWS.length];
    // From a blank page, so this is a whole load, not a hash change.
    await page.goto("about:blank");
    await page.goto(`${base}/#queue&${view}`);
    await page.waitForSelector("#queue tbody tr");
    cold.push(await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(performance.now())))));
  }
  console.log(`  cold load of a queue address, navigation start to rows painted: ${stats(cold)}`);
} finally {
  await browser.close();
}
