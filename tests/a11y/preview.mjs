// Drive `safeguarding preview` in Chromium, as a coordinator watching the page while
// editing: open the served page, then wait for what the test says the page should show.
//
//   node tests/a11y/preview.mjs http://127.0.0.1:PORT/ [screenshot.png]
//
// Reads one JSON request per line on stdin:
//   {"selector": "h1", "expect": "some text", "timeout": 30000}
// and answers each with one JSON line on stdout once the element's text contains the
// expected text, or when the time is up:
//   {"ok": true|false, "text": "what the element said", "loads": N}
// `loads` counts page loads so far (1 = the first): the page reloads itself on a rebuild.
// Only the preview's own address is reachable; every other request is aborted.
// Exit codes: 0 after stdin ends, 2 on a bad argument or a browser that won't start.
import readline from "node:readline";
import { fail, launch } from "./browser.mjs";

const [url, screenshot] = process.argv.slice(2);
if (!url || !/^http:\/\/127\.0\.0\.1:\d+\/$/.test(url)) fail("usage: preview.mjs http://127.0.0.1:PORT/");

const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
await context.route("**/*", (route) => {
  const target = route.request().url();
  if (target.startsWith(url) || target.startsWith("data:")) return route.continue();
  return route.abort("blockedbyclient");
});
const page = await context.newPage();
let loads = 0;
page.on("load", () => {
  loads += 1;
});
await page.goto(url, { waitUntil: "load", timeout: 30_000 });

async function textOf(selector) {
  try {
    return (await page.textContent(selector, { timeout: 500 })) ?? "";
  } catch {
    return ""; // reloading, or not there (yet)
  }
}

const lines = readline.createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  const { selector, expect, timeout = 30_000 } = JSON.parse(line);
  const until = Date.now() + timeout;
  let text = await textOf(selector);
  while (!text.includes(expect) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    text = await textOf(selector);
  }
  process.stdout.write(`${JSON.stringify({ ok: text.includes(expect), text, loads })}\n`);
}
if (screenshot) await page.screenshot({ path: screenshot, fullPage: false });
await browser.close();
