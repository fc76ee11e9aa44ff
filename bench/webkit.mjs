// The priority page's title edit in WebKitGTK (the app's web engine) without building the app:
// the UI's own bundle of ui/profile.html (the window over a generated workbook, answered in the
// page: ui/src/lib/testing/profile-page.ts) in WebKitGTK's MiniBrowser under its own Xvfb,
// driven by WebKitWebDriver. A quick A/B for the UI's style, layout and paint; the app's figures
// (IPC and the Rust side included) are bench/app.sh's.
//
//   (cd ui && npx vite build --config vite.profile.config.ts --outDir /tmp/profile-dist)
//   DIST=/tmp/profile-dist node bench/webkit.mjs 10000 80
//   CSS='.x { contain: content }' DIST=… node bench/webkit.mjs 10000 80   (try a rule first)
//
// Prints the median/95th percentile of each part of an edit, as bench/app.mjs splits it: from
// the change event until the DOM holds the new title in the list of priorities, style and
// layout (forced there), and the frame (waiting for it, painting it). Noisy on a loaded
// machine: compare runs made one after the other, with many edits.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';

const N = Number(process.argv[2] ?? 10000);
const EDITS = Number(process.argv[3] ?? 40);
const DIST = process.env.DIST ?? '/tmp/profile-dist';
const BROWSER = process.env.MINIBROWSER ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
if (!existsSync(join(DIST, 'profile.html'))) {
  console.error(`error: no ${DIST}/profile.html; build it first (see the top of this file)`);
  process.exit(2);
}

const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.woff2': 'font/woff2', '.svg': 'image/svg+xml', '.png': 'image/png' };
const server = createServer((req, res) => {
  const file = join(DIST, decodeURIComponent((req.url ?? '/').split('?')[0]));
  if (!file.startsWith(DIST) || !existsSync(file)) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
}).listen(0, '127.0.0.1');
await new Promise((r) => server.on('listening', r));

const display = 100 + (process.pid % 100);
const xvfb = spawn('Xvfb', [`:${display}`, '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
const wdPort = 20000 + (process.pid % 20000);
const driver = spawn('WebKitWebDriver', [`--port=${wdPort}`], { stdio: 'ignore', env: { ...process.env, DISPLAY: `:${display}`, NO_AT_BRIDGE: '1' } });
const stop = () => {
  for (const child of [driver, xvfb]) child.kill('SIGTERM');
  server.close();
};
process.on('exit', stop);
await sleep(1500);

async function wd(method, path, body) {
  const r = await fetch(`http://127.0.0.1:${wdPort}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return (await r.json()).value;
}
const session = await wd('POST', '/session', { capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { binary: BROWSER, args: ['--automation'] } } } });
const at = `/session/${session.sessionId}`;
/** Runs a function in the page (its source is sent); a promise it returns is waited for. */
const run = (fn, args = []) => wd('POST', `${at}/execute/sync`, { script: `return (${fn})(...arguments);`, args });
await wd('POST', `${at}/timeouts`, { script: 120_000 });
await wd('POST', `${at}/window/rect`, { width: 1280, height: 800 });
await wd('POST', `${at}/url`, { url: `http://127.0.0.1:${server.address().port}/profile.html?actions=${N}&delay=${process.env.DELAY ?? 20}` });
async function waitFor(css) {
  for (let i = 0; i < 600; i++) {
    if (await run((c) => document.querySelector(c) !== null, [css])) return;
    await sleep(100);
  }
  throw new Error(`${css} not there after 60 s`);
}
await waitFor('[data-view-heading]');
await sleep(1500); // the overview settles
await run(() => document.querySelector("[data-testid='nav-priorities']").click());
await waitFor("[data-testid='priority-heading']");
if (process.env.CSS) {
  await run((css) => document.head.append(Object.assign(document.createElement('style'), { textContent: css })), [process.env.CSS]);
}
await sleep(1500);

/** One edit of the title, timed in the page as bench/app.mjs times it. */
function edit(text) {
  return new Promise((resolve) => {
    const b = { t0: 0, seen: 0, laid: 0, t1: 0 };
    const field = document.querySelector("[data-testid='priority-title-input']");
    field.scrollIntoView({ block: 'center' });
    const holds = () => (document.querySelector("[data-testid='priority-item'][aria-current='true']")?.textContent ?? '').includes(text);
    let done = false;
    const afterFrame = () => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        b.t1 = performance.now();
        resolve(b);
      };
      channel.port2.postMessage(null);
    };
    const observer = new MutationObserver(() => {
      if (done || !holds()) return;
      done = true;
      b.seen = performance.now();
      void document.documentElement.offsetHeight;
      b.laid = performance.now();
      observer.disconnect();
      requestAnimationFrame(afterFrame);
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    field.focus();
    field.value = text;
    field.dispatchEvent(new Event('input', { bubbles: true }));
    setTimeout(() => {
      b.t0 = performance.now();
      field.dispatchEvent(new Event('change', { bubbles: true }));
      field.blur();
    }, 0);
  });
}

const edits = [];
for (let i = 0; i < EDITS; i++) {
  edits.push(await run(edit, [`Bench edit ${i} ${Date.now() % 100000}`]));
  await sleep(300);
}
await wd('DELETE', at);
const nearest = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)];
const part = (f) => `${nearest(edits.map(f), 0.5).toFixed(0)}/${nearest(edits.map(f), 0.95).toFixed(0)}`;
console.log(
  `${N} actions${process.env.CSS ? ` with ${process.env.CSS}` : ''}, ${EDITS} edits, median/p95 ms: total ${part((b) => b.t1 - b.t0)}` +
    ` | DOM ${part((b) => b.seen - b.t0)} | style+layout ${part((b) => b.laid - b.seen)} | frame+paint ${part((b) => b.t1 - b.laid)}`,
);
stop();
process.exit(0);
