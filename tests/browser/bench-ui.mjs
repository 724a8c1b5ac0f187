// Times the article view with 300 claims (run by scripts/bench-ui.sh):
// from a key press to the panel showing the result, measured in the page.
import { chromium } from "playwright-core";

const [base, email, password, presses] = process.argv.slice(2);
const n = Number(presses);

// 300 attributed sentences, each a claim for the extractor.
const names = ["Mayor Ann Lee", "Minister Ravi Das", "Dr. Elena Ruiz", "Senator Mia Chen", "Coach Tom Berg"];
const body = "Three Hundred Claims\n\n" + Array.from({ length: 300 }, (_, i) =>
  `${names[i % names.length]} said that spending on item ${i} rose by ${i % 90 + 2} percent in ${1990 + i % 35}.`
  + (i % 6 === 5 ? "\n\n" : " ")).join("");

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `p50 ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, max ${s[s.length - 1].toFixed(1)} ms (${s.length} presses)`;
};
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(base);
  await page.fill("#login-form [name=email]", email);
  await page.fill("#login-form [name=password]", password);
  await page.click("#login-form button[type=submit]");
  await page.waitForSelector("#who:not(:empty)");
  const made = await page.evaluate(async (body) => {
    const r = await fetch("/api/v1/articles", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ title: "Three Hundred Claims", body }) });
    return r.json();
  }, body);
  console.log(`  article with ${made.claim_count} claims`);
  if (made.claim_count < 300) throw new Error("fewer than 300 claims: the bench would flatter the page");
  await page.evaluate((id) => { location.hash = `article=${id}`; }, made.article.id);
  await page.waitForSelector("#reader .c");
  console.log(`  ${await page.$$eval("#reader .c", (x) => x.length)} highlighted pieces on the page`);

  // One measurement: press `key` in the page; the time until the DOM shows
  // `done()` (a MutationObserver sees it at once) and until the frame after
  // it is painted.
  const time = (key, done) => page.evaluate(([key, done]) => new Promise((resolve) => {
    const ok = new Function(`return (${done})`)();
    const before = document.querySelector("#claim-heading")?.dataset.claim;
    let t0;
    const finish = () => {
      const dom = performance.now() - t0;
      requestAnimationFrame(() => setTimeout(() => resolve([dom, performance.now() - t0]), 0));
    };
    const watch = new MutationObserver(() => { if (ok(before)) { watch.disconnect(); finish(); } });
    watch.observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
    t0 = performance.now();
    document.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true }));
    if (ok(before)) { watch.disconnect(); finish(); }
  }), [key, done.toString()]);

  const next = [];
  const status = [];
  await time("j", (before) => document.querySelector("#claim-heading")?.dataset.claim !== before);
  for (let i = 0; i < n; i++) {
    next.push(await time("j", (before) => document.querySelector("#claim-heading")?.dataset.claim !== before));
    status.push(await time("s", () => !!document.querySelector("#panel .pill.st-in_progress")));
    await page.waitForTimeout(50);
  }
  console.log(`  select the next claim (j), DOM updated: ${stats(next.map((x) => x[0]))}`);
  console.log(`  select the next claim (j), next frame painted: ${stats(next.map((x) => x[1]))}`);
  console.log(`  change its status (s: PATCH, page updated), DOM updated: ${stats(status.map((x) => x[0]))}`);
  console.log(`  change its status (s), next frame painted: ${stats(status.map((x) => x[1]))}`);
} finally {
  await browser.close();
}
