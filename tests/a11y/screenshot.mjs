// Full-page PNG screenshot of a local HTML file, for people to look at.
//
//   node tests/a11y/screenshot.mjs FILE.html OUT.png [--width N] [--height N]
//
// Same browser and offline settings as axe.mjs. Exit 0 on success, 2 on a
// usage error or a browser/page failure (message on stderr).
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fail, fileUrl, launch, load, offlineContext } from "./browser.mjs";

const USAGE = "usage: node screenshot.mjs FILE.html OUT.png [--width N] [--height N]";

function intArg(name, text) {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 100 || n > 10000) fail(`${name} must be an integer 100..10000, got "${text}"`);
  return n;
}

const pos = [];
let width = 1280;
let height = 800;
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === "-h" || a === "--help") {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  } else if (a === "--width" || a === "--height") {
    if (i + 1 >= argv.length) fail(`${a} needs a value\n${USAGE}`);
    if (a === "--width") width = intArg(a, argv[++i]);
    else height = intArg(a, argv[++i]);
  } else if (a.startsWith("--width=")) {
    width = intArg("--width", a.slice(8));
  } else if (a.startsWith("--height=")) {
    height = intArg("--height", a.slice(9));
  } else if (a.startsWith("-")) {
    fail(`unknown option ${a}\n${USAGE}`);
  } else {
    pos.push(a);
  }
}
if (pos.length !== 2) fail(USAGE);
const [file, outPng] = pos;
if (!outPng.toLowerCase().endsWith(".png")) fail(`output must be a .png file: ${outPng}`);
const url = fileUrl(file);

const browser = await launch();
try {
  const { context, blocked } = await offlineContext(browser, { width, height });
  const page = await context.newPage();
  try {
    await load(page, url);
  } catch (err) {
    fail(`could not load ${file}: ${err && err.message ? err.message.split("\n")[0] : err}`);
  }
  mkdirSync(path.dirname(path.resolve(outPng)), { recursive: true });
  await page.screenshot({ path: outPng, fullPage: true, animations: "disabled" });
  for (const u of new Set(blocked)) process.stderr.write(`screenshot.mjs: blocked request ${u}\n`);
  await context.close();
} catch (err) {
  fail(`screenshot failed: ${err && err.stack ? err.stack : err}`);
} finally {
  await browser.close().catch(() => {});
}
