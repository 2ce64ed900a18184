// Drives headless Chromium over the DevTools protocol (no browser download, no npm package):
// opens a page served by `kumppani serve`, edits its Markdown source and waits for the new
// text to appear by itself; then a broken save must show the error overlay, and the fix must
// clear it. Run by tests/browser.rs as:
//   node --experimental-websocket live_reload.mjs CHROMIUM URL SOURCE_FILE PROFILE_DIR
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";

const [chromium, url, source, profile] = process.argv.slice(2);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const fail = (msg) => { console.error("FAIL: " + msg); cleanup(); process.exit(1); };

const browser = spawn(chromium, [
  "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
  "--disable-dev-shm-usage", `--user-data-dir=${profile}`, "--remote-debugging-port=0",
  "about:blank",
], { stdio: ["ignore", "ignore", "pipe"] });
let stderr = "";
browser.stderr.on("data", (d) => { stderr += d; });
function cleanup() { try { browser.kill("SIGKILL"); } catch {} }
process.on("exit", cleanup);

async function until(what, f, ms = 20000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try { const v = await f(); if (v) return v; } catch {}
    await sleep(100);
  }
  fail(`timed out waiting for ${what}`);
}

const portFile = join(profile, "DevToolsActivePort");
const port = await until("Chromium's DevTools port", () =>
  existsSync(portFile) && readFileSync(portFile, "utf8").split("\n")[0]);
const targets = await until("a page target", async () => {
  const r = await fetch(`http://127.0.0.1:${port}/json/list`);
  const list = await r.json();
  return list.filter((t) => t.type === "page").length ? list : null;
});
const page = targets.find((t) => t.type === "page");
const ws = new WebSocket(page.webSocketDebuggerUrl);
await new Promise((res, rej) => { ws.onopen = res; ws.onerror = () => rej(new Error("ws")); });
let nextId = 1;
const waiting = new Map();
ws.onmessage = (ev) => {
  const msg = JSON.parse(ev.data);
  if (msg.id && waiting.has(msg.id)) { waiting.get(msg.id)(msg); waiting.delete(msg.id); }
};
function send(method, params = {}) {
  const id = nextId++;
  ws.send(JSON.stringify({ id, method, params }));
  return new Promise((res) => waiting.set(id, res));
}
async function evaluate(expr) {
  const r = await send("Runtime.evaluate", { expression: expr, returnByValue: true });
  return r.result && r.result.result ? r.result.result.value : undefined;
}

await send("Page.enable");
await send("Page.navigate", { url });
await until("the page to load", async () => (await evaluate("document.readyState")) === "complete"
  && (await evaluate("document.body.innerText")).includes("Strateginen allianssi"));
await until("the reload script to connect", () =>
  evaluate("!!document.querySelector('script[data-kumppani-live]')"));
// Marks this document: a reload by the page's own script replaces it; we never reload.
await evaluate("window.__firstDocument = true");

const original = readFileSync(source, "utf8");
writeFileSync(source, original + "\nSelaintesti näkyy ilman käsin latausta.\n");
await until("the edited text to appear", async () =>
  (await evaluate("document.body.innerText")).includes("Selaintesti näkyy ilman käsin latausta."));
if (await evaluate("window.__firstDocument === true")) fail("the text changed without a reload?");

writeFileSync(source, original.replace("slug: ", "slug: ["));
const overlay = await until("the error overlay", () =>
  evaluate("(document.getElementById('kumppani-error') || {}).textContent"));
if (!overlay.includes("strategic-alliance.fi.md:2:")) fail("overlay lacks the location: " + overlay);

writeFileSync(source, original.replace("Allianssilla", "Korjattu Allianssilla"));
await until("the overlay to go and the fix to show", async () =>
  !(await evaluate("!!document.getElementById('kumppani-error')"))
  && (await evaluate("document.body.innerText")).includes("Korjattu Allianssilla"));

console.log("ok: live reload, error overlay and recovery seen in Chromium");
ws.close();
cleanup();
process.exit(0);
