// Run axe-core on local HTML files in headless Debian Chromium.
//
//   node tests/a11y/axe.mjs [--viewport WxH] FILE.html [FILE.html ...]
//
// Prints ONE JSON object on stdout:
//   {"viewport": {"width": 1280, "height": 800},
//    "files": [{"file": "out/a.html",
//               "violations": [{"id", "impact", "help", "nodes": ["css selector", ...]}],
//               "incomplete": ["rule-id", ...],      // axe "needs review", informational
//               "blocked_requests": ["https://...", ...]}]}
// Exit codes: 0 whenever the check ran (violations or not; the caller
// decides), 2 on a usage error, a missing file, a page that won't load, or a
// browser that won't start (message on stderr).
import { AxeBuilder } from "@axe-core/playwright";
import { fail, fileUrl, launch, load, offlineContext, parseViewport } from "./browser.mjs";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
const USAGE = "usage: node axe.mjs [--viewport WIDTHxHEIGHT] FILE.html [FILE.html ...]";

function parseArgs(argv) {
  let viewport = { width: 1280, height: 800 };
  const files = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "-h" || a === "--help") {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else if (a === "--viewport") {
      if (i + 1 >= argv.length) fail(`--viewport needs a value\n${USAGE}`);
      viewport = parseViewport(argv[++i]);
    } else if (a.startsWith("--viewport=")) {
      viewport = parseViewport(a.slice("--viewport=".length));
    } else if (a.startsWith("-")) {
      fail(`unknown option ${a}\n${USAGE}`);
    } else {
      files.push(a);
    }
  }
  if (files.length === 0) fail(USAGE);
  return { viewport, files };
}

// axe target: an array with one selector per frame level; a level is an
// array itself when it goes through shadow roots. Flatten to one string.
function selector(target) {
  return target.map((t) => (Array.isArray(t) ? t.join(" >>> ") : t)).join(" |frame| ");
}

async function checkFile(browser, file, url, viewport) {
  const { context, blocked } = await offlineContext(browser, viewport);
  try {
    const page = await context.newPage();
    try {
      await load(page, url);
    } catch (err) {
      fail(`could not load ${file}: ${err && err.message ? err.message.split("\n")[0] : err}`);
    }
    const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
    const violations = results.violations
      .map((v) => ({
        id: v.id,
        impact: v.impact ?? null,
        help: v.help,
        nodes: v.nodes.map((n) => selector(n.target)),
      }))
      .sort((a, b) => a.id.localeCompare(b.id));
    const incomplete = results.incomplete.map((r) => r.id).sort();
    return { file, violations, incomplete, blocked_requests: [...new Set(blocked)] };
  } finally {
    await context.close();
  }
}

const { viewport, files } = parseArgs(process.argv.slice(2));
const urls = files.map(fileUrl); // fail early on a missing file, before launching
const browser = await launch();
try {
  const out = [];
  for (let i = 0; i < files.length; i++) {
    out.push(await checkFile(browser, files[i], urls[i], viewport));
  }
  process.stdout.write(`${JSON.stringify({ viewport, files: out }, null, 2)}\n`);
} catch (err) {
  fail(`axe run failed: ${err && err.stack ? err.stack : err}`);
} finally {
  await browser.close().catch(() => {});
}
