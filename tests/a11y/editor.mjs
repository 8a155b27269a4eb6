// Open YAML documents in yaml-language-server (the server inside VS Code's Red Hat
// YAML extension), configured exactly by a workspace's .vscode/settings.json, and
// report what an editor would show.
//
//   node tests/a11y/editor.mjs < job.json
//
// The job (stdin, JSON):
//   {"root": "/abs/workspace",              // workspace folder; its .vscode/settings.json is used
//    "settings": "/abs/settings.json",      // optional, default <root>/.vscode/settings.json
//    "documents": [{"path": "partnerships/x/partnership.yaml",   // relative to root; need not exist
//                   "text": "...",                               // default: the file's contents
//                   "hover": [[line, character], ...],           // 0-based, optional
//                   "complete": [[line, character], ...]}]}      // 0-based, optional
//
// Prints ONE JSON object on stdout:
//   {"server": "yaml-language-server 1.25.0",
//    "documents": [{"path", "uri", "schemas": ["file:///.../x.schema.json"],
//                   "diagnostics": [{"line", "character", "end_line", "end_character",
//                                    "severity", "message", "source"}],
//                   "hovers": [{"line", "character", "markdown"}],      // markdown null: no hover
//                   "completions": [{"line", "character", "labels": [...]}]}],
//    "remote_requests": ["https://..."],   // schemas the server tried to fetch (answered: offline)
//    "log": ["server log lines"]}
// Exit codes: 0 whenever the editor session ran (whatever it found; the caller
// decides), 2 on a bad job, a server that won't start, or a timeout (message on stderr).
//
// Offline by construction: like VS Code, the harness tells the server that the
// client fetches http(s) schemas for it (yaml/registerContentRequest), and then
// refuses every such fetch and lists it in remote_requests.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const TIMEOUT_MS = Number(process.env.EDITOR_TIMEOUT_MS || 60_000);
const QUIET_MS = 400; // no new diagnostics for this long after every document has some: settled

function fail(message) {
  process.stderr.write(`editor.mjs: ${message}\n`);
  process.exit(2);
}

function serverPaths() {
  let pkg;
  try {
    pkg = require.resolve("yaml-language-server/package.json");
  } catch {
    fail("yaml-language-server is not installed: run `make a11y` (npm ci in tests/a11y)");
  }
  const dir = path.dirname(pkg);
  const { version, bin } = JSON.parse(readFileSync(pkg, "utf8"));
  return { version, bin: path.join(dir, typeof bin === "string" ? bin : bin["yaml-language-server"]), dir };
}

/** VS Code reads settings.json as JSON with comments and trailing commas. */
function readSettings(file, serverDir) {
  const jsonc = createRequire(path.join(serverDir, "package.json"))("jsonc-parser");
  const errors = [];
  const value = jsonc.parse(readFileSync(file, "utf8"), errors, { allowTrailingComma: true });
  if (errors.length || typeof value !== "object" || value === null || Array.isArray(value)) {
    fail(`${file} is not a JSON object (${errors.length} parse errors)`);
  }
  return value;
}

/** What vscode.workspace.getConfiguration(section) returns for flat "a.b.c" settings. */
function section(settings, name) {
  if (name.startsWith("[")) return settings[name] ?? {}; // a language override keeps dotted keys
  const out = {};
  for (const [key, value] of Object.entries(settings)) {
    if (!key.startsWith(`${name}.`)) continue;
    const parts = key.slice(name.length + 1).split(".");
    let node = out;
    for (const p of parts.slice(0, -1)) node = node[p] ??= {};
    node[parts.at(-1)] = value;
  }
  return out;
}

/** A minimal LSP client over the server's stdio. */
class Client {
  constructor(child, onRequest, onNotification) {
    this.child = child;
    this.nextId = 1;
    this.pending = new Map();
    this.buffer = Buffer.alloc(0);
    this.onRequest = onRequest;
    this.onNotification = onNotification;
    child.stdout.on("data", (chunk) => this.receive(chunk));
  }

  write(message) {
    const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...message }), "utf8");
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
  }

  request(method, params) {
    const id = this.nextId++;
    this.write({ id, method, params });
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject, method }));
  }

  notify(method, params) {
    this.write({ method, params });
  }

  receive(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const end = this.buffer.indexOf("\r\n\r\n");
      if (end < 0) return;
      const m = /Content-Length: *(\d+)/i.exec(this.buffer.subarray(0, end).toString("ascii"));
      if (!m) fail(`bad message header from the server: ${this.buffer.subarray(0, end)}`);
      const start = end + 4;
      const length = Number(m[1]);
      if (this.buffer.length < start + length) return;
      const message = JSON.parse(this.buffer.subarray(start, start + length).toString("utf8"));
      this.buffer = this.buffer.subarray(start + length);
      this.dispatch(message);
    }
  }

  async dispatch(message) {
    if (message.id !== undefined && message.method === undefined) {
      const waiter = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (!waiter) return;
      if (message.error) waiter.reject(new Error(`${waiter.method}: ${message.error.message}`));
      else waiter.resolve(message.result);
    } else if (message.id !== undefined) {
      try {
        this.write({ id: message.id, result: (await this.onRequest(message.method, message.params)) ?? null });
      } catch (err) {
        this.write({ id: message.id, error: { code: -32603, message: String(err.message || err) } });
      }
    } else {
      this.onNotification(message.method, message.params);
    }
  }
}

function readJob() {
  let job;
  try {
    job = JSON.parse(readFileSync(0, "utf8"));
  } catch (err) {
    fail(`the job on stdin is not JSON: ${err.message}`);
  }
  if (!job || typeof job.root !== "string" || !Array.isArray(job.documents)) {
    fail('the job needs "root" (a folder) and "documents" (a list)');
  }
  job.root = path.resolve(job.root);
  job.settings = path.resolve(job.settings || path.join(job.root, ".vscode", "settings.json"));
  if (!existsSync(job.settings)) fail(`no settings file: ${job.settings}`);
  for (const doc of job.documents) {
    const file = path.join(job.root, doc.path);
    if (doc.text === undefined) {
      if (!existsSync(file)) fail(`no such document: ${file}`);
      doc.text = readFileSync(file, "utf8");
    }
    doc.uri = pathToFileURL(file).href;
  }
  return job;
}

async function main() {
  const job = readJob();
  const server = serverPaths();
  const settings = readSettings(job.settings, server.dir);
  const rootUri = pathToFileURL(job.root).href;

  const child = spawn(process.execPath, [server.bin, "--stdio"], {
    cwd: job.root,
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stderr = "";
  let finished = false;
  child.stderr.on("data", (d) => (stderr += d));
  child.on("error", (err) => fail(`could not start ${server.bin}: ${err.message}`));
  child.on("exit", (code, signal) => {
    if (!finished) fail(`the server exited early (${signal || code}): ${stderr.slice(-2000)}`);
  });
  const timer = setTimeout(() => fail(`no answer after ${TIMEOUT_MS} ms: ${stderr.slice(-2000)}`), TIMEOUT_MS);

  const log = [];
  const remote = [];
  const diagnostics = new Map(); // uri -> latest list
  let lastDiagnostic = 0;
  let configured;
  const configuredPromise = new Promise((resolve) => (configured = resolve));

  const client = new Client(
    child,
    async (method, params) => {
      switch (method) {
        case "workspace/configuration":
          return params.items.map((item) => section(settings, item.section || ""));
        case "workspace/workspaceFolders":
          return [{ uri: rootUri, name: path.basename(job.root) }];
        case "vscode/content":
        case "custom/schema/content": {
          const uri = Array.isArray(params) ? params[0] : params; // one string is sent by position
          remote.push(uri);
          throw new Error(`offline: ${uri}`);
        }
        default: // client/registerCapability, window/workDoneProgress/create, ...
          return null;
      }
    },
    (method, params) => {
      if (method === "textDocument/publishDiagnostics") {
        diagnostics.set(params.uri, params.diagnostics);
        lastDiagnostic = Date.now();
      } else if (method === "yaml/schema/store/initialized") {
        configured();
      } else if (method === "window/logMessage" || method === "window/showMessage") {
        log.push(params.message);
      }
    },
  );

  await client.request("initialize", {
    processId: process.pid,
    clientInfo: { name: "safeguarding editor test" },
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: path.basename(job.root) }],
    capabilities: {
      workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true } },
      textDocument: {
        hover: { contentFormat: ["markdown", "plaintext"] },
        completion: { completionItem: { snippetSupport: true, documentationFormat: ["markdown", "plaintext"] } },
        publishDiagnostics: { relatedInformation: true },
        synchronization: { didSave: true },
      },
    },
  });
  client.notify("initialized", {});
  // What the extension announces once the client is ready (src/extension.ts).
  client.notify("yaml/registerContentRequest", {});
  client.notify("yaml/supportSchemaSelection", {});
  client.notify("workspace/didChangeConfiguration", { settings: null });
  await configuredPromise; // the server has pulled and applied the settings

  for (const doc of job.documents) {
    client.notify("textDocument/didOpen", {
      textDocument: { uri: doc.uri, languageId: "yaml", version: 1, text: doc.text },
    });
  }
  await new Promise((resolve) => {
    const poll = setInterval(() => {
      const all = job.documents.every((d) => diagnostics.has(d.uri));
      if (all && Date.now() - lastDiagnostic >= QUIET_MS) {
        clearInterval(poll);
        resolve();
      }
    }, 50);
  });

  const documents = [];
  for (const doc of job.documents) {
    const schemas = (await client.request("yaml/get/jsonSchema", doc.uri)).map((s) => s.uri);
    const hovers = [];
    for (const [line, character] of doc.hover || []) {
      const result = await client.request("textDocument/hover", {
        textDocument: { uri: doc.uri },
        position: { line, character },
      });
      hovers.push({ line, character, markdown: result ? hoverText(result.contents) : null });
    }
    const completions = [];
    for (const [line, character] of doc.complete || []) {
      const result = await client.request("textDocument/completion", {
        textDocument: { uri: doc.uri },
        position: { line, character },
      });
      const items = Array.isArray(result) ? result : result?.items || [];
      completions.push({ line, character, labels: items.map((i) => i.label) });
    }
    documents.push({
      path: doc.path,
      uri: doc.uri,
      schemas,
      diagnostics: (diagnostics.get(doc.uri) || []).map((d) => ({
        line: d.range.start.line,
        character: d.range.start.character,
        end_line: d.range.end.line,
        end_character: d.range.end.character,
        severity: d.severity ?? null,
        message: d.message,
        source: d.source ?? null,
      })),
      hovers,
      completions,
    });
  }

  await client.request("shutdown", null);
  finished = true;
  client.notify("exit", null);
  clearTimeout(timer);
  process.stdout.write(
    `${JSON.stringify({ server: `yaml-language-server ${server.version}`, documents, remote_requests: remote, log }, null, 2)}\n`,
  );
}

function hoverText(contents) {
  const one = (c) => (typeof c === "string" ? c : c.value);
  return Array.isArray(contents) ? contents.map(one).join("\n\n") : one(contents);
}

main().catch((err) => fail(err && err.stack ? err.stack : String(err)));
