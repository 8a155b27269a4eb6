// Shared launch settings for axe.mjs and screenshot.mjs.
//
// Uses Debian's Chromium (no Playwright browser download): set CHROMIUM to
// use another binary. Every request that is not file: or data: is aborted, so
// a page that tries to reach the network is checked exactly as it renders
// offline, and nothing leaves the machine.
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

export const EXECUTABLE = process.env.CHROMIUM || "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox", // we run as root in CI; Chromium refuses to start sandboxed as root
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Print a message to stderr and exit with code 2 (usage or launch failure). */
export function fail(message) {
  process.stderr.write(`${path.basename(process.argv[1] || "a11y")}: ${message}\n`);
  process.exit(2);
}

/** Parse "1280x800" into {width, height}, or fail. */
export function parseViewport(text) {
  const m = /^(\d{2,5})x(\d{2,5})$/.exec(String(text || ""));
  if (!m) fail(`bad viewport "${text}": expected WIDTHxHEIGHT, e.g. 375x812`);
  return { width: Number(m[1]), height: Number(m[2]) };
}

/** Resolve an HTML path to a file: URL, or fail if it does not exist. */
export function fileUrl(file) {
  const abs = path.resolve(file);
  if (!existsSync(abs)) fail(`no such file: ${file}`);
  return pathToFileURL(abs).href;
}

export async function launch() {
  if (!existsSync(EXECUTABLE)) {
    fail(
      `Chromium not found at ${EXECUTABLE}. Install it with ` +
        "`bash scripts/system-deps.sh` (Debian package chromium), " +
        "or set CHROMIUM to a Chromium/Chrome binary.",
    );
  }
  try {
    return await chromium.launch({
      executablePath: EXECUTABLE,
      headless: true,
      chromiumSandbox: false,
      args: CHROMIUM_ARGS,
      timeout: 60_000,
    });
  } catch (err) {
    fail(`could not launch Chromium (${EXECUTABLE}): ${err && err.message ? err.message : err}`);
  }
}

/**
 * New browser context with the network blocked. Returns {context, blocked}:
 * `blocked` collects the URLs that were aborted, for the caller to report.
 */
export async function offlineContext(browser, viewport) {
  const context = await browser.newContext({
    viewport,
    deviceScaleFactor: 1,
    reducedMotion: "reduce",
    serviceWorkers: "block",
  });
  const blocked = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:") || url.startsWith("data:")) return route.continue();
    blocked.push(url);
    return route.abort("blockedbyclient");
  });
  return { context, blocked };
}

/** Load a file: URL and wait until the page and its web fonts are ready. */
export async function load(page, url) {
  await page.goto(url, { waitUntil: "load", timeout: 30_000 });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}
