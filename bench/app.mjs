// The app benchmark (issue 8): drives the release desktop app through WebDriver under Xvfb and
// prints, for each workbook, how long the Actions view, the matrix and a priority page take to
// show, an edit's round trip on each (median and 95th percentile), and the memory of the web
// process and of the app. Run it through bench/app.sh, which builds the app, makes the
// workbooks and passes them here:
//
//   node bench/app.mjs --app PATH/planbook-app [--json OUT.json] LABEL=FILE.sqlite ...
//
// Times are taken inside the page (performance.now()), so WebDriver's own latency is not in
// them; see bench/README.md for exactly what each figure spans. No npm packages: Node's
// built-in fetch talks to tauri-driver's HTTP API.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// ---------------------------------------------------------------------------------------------
// Where things are in the UI. The UI is being restructured (issue-8-ui): re-point the benchmark
// here and nowhere else. These are the data-testid hooks the end-to-end tests (tests/e2e) rely
// on; keep them in step with those tests.
// ---------------------------------------------------------------------------------------------
const UI = {
  /** The workbook is open and its content read: the first view's heading is drawn. */
  opened: 'main.app-workbook [data-view-heading]',
  /** Each view: its navigation entry, an element that means it is drawn, and its edit. */
  views: [
    {
      name: 'actions',
      nav: "[data-testid='nav-actions']",
      // A row of the table: the table is drawn in one go, so one row means all rows.
      shown: "[data-testid='actions-table'] [data-testid='action-row']",
      edit: {
        what: "action title, typed in the action's page (opened from the list), seen in its heading",
        // Opens the first action from the list before the edits (not timed).
        open: "[data-testid='open-action']",
        field: "[data-testid='action-title-input']",
        seenIn: "[data-testid='action-heading']",
      },
    },
    {
      name: 'matrix',
      nav: "[data-testid='nav-matrix']",
      shown: "[data-testid='matrix-cell']",
      edit: {
        what: 'first box of the matrix clicked (link, unlink), seen ticked or unticked',
        box: "[data-testid='matrix-cell']",
      },
    },
    {
      name: 'priority',
      nav: "[data-testid='nav-priorities']",
      shown: "[data-testid='priority-heading']",
      edit: {
        what: "priority title, typed in its page, seen in the list of priorities beside it",
        field: "[data-testid='priority-title-input']",
        seenIn: "[data-testid='priority-item'][aria-current='true']",
      },
    },
  ],
};

const PATIENCE_MS = 60_000; // a view or an edit that takes longer is reported as not shown
const EDITS = 20;
const PAUSE_MS = 300; // between edits, as a quick typist would leave them
/** A web process past this is stopped (the machine is shared); reported like a timeout. */
const MAX_WEB_MB = Number(process.env.BENCH_MAX_WEB_MB ?? 8000);
/** Only these views (comma-separated names from UI.views, e.g. `priority`); all when unset. */
const ONLY_VIEWS = process.env.BENCH_VIEWS ? process.env.BENCH_VIEWS.split(',') : null;
const TAB = '\uE004';
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

// ---------------------------------------------------------------------------------------------
// The command line.
// ---------------------------------------------------------------------------------------------
const args = process.argv.slice(2);
let app = null;
let jsonOut = null;
const workbooks = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--app') app = args[++i];
  else if (args[i] === '--json') jsonOut = args[++i];
  else {
    const [label, file] = args[i].split(/=(.*)/s);
    workbooks.push({ label, file });
  }
}
if (app === null || workbooks.length === 0) {
  console.error('usage: node bench/app.mjs --app PATH [--json OUT] LABEL=WORKBOOK ...');
  process.exit(2);
}
const appExe = realpathSync(app);

// ---------------------------------------------------------------------------------------------
// Processes this script starts, all stopped on the way out (SIGTERM: tauri-driver stops its
// WebKitWebDriver only then; see ../shared/TAURI-NOTES.md).
// ---------------------------------------------------------------------------------------------
const started = new Set();
const scratch = mkdtempSync(join(tmpdir(), 'planbook-appbench-'));

function start(cmd, argv, env = {}) {
  const full = { ...process.env, ...env };
  delete full.WAYLAND_DISPLAY; // the app must use the Xvfb display
  // Standard error is dropped: WebKit and GTK write warnings there that say nothing here.
  const child = spawn(cmd, argv, { env: full, stdio: ['ignore', 'pipe', 'ignore'] });
  child.stdout.resume(); // read, so a chatty process never blocks on a full pipe
  started.add(child);
  child.on('exit', () => started.delete(child));
  return child;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function alive(pid) {
  try {
    process.kill(pid, 0);
    const state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
    return state !== 'Z';
  } catch {
    return false;
  }
}

/** SIGTERM to each, then SIGKILL to whatever is still there after 5 s. */
async function stopPids(pids) {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {}
  }
  const deadline = Date.now() + 5000;
  while (pids.some(alive) && Date.now() < deadline) await sleep(100);
  for (const pid of pids.filter(alive)) {
    console.error(`process ${pid} did not stop on SIGTERM; killing it`);
    try {
      process.kill(pid, 'SIGKILL');
    } catch {}
  }
}

let cleaned = false;
async function cleanUp() {
  if (cleaned) return;
  cleaned = true;
  const children = [...started].map((c) => c.pid);
  const below = children.flatMap(descendants);
  await stopPids(children);
  await stopPids(below.filter(alive)); // an app left behind by a driver that died
  rmSync(scratch, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => void cleanUp().then(() => process.exit(130)));
}

// ---------------------------------------------------------------------------------------------
// /proc: which processes are below a pid, and their resident memory.
// ---------------------------------------------------------------------------------------------
function processes() {
  const all = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      all.push({ pid: Number(name), comm, state: rest[0], ppid: Number(rest[1]) });
    } catch {}
  }
  return all;
}

function descendants(pid) {
  const all = processes();
  const found = [];
  let frontier = [pid];
  while (frontier.length > 0) {
    const next = all.filter((p) => frontier.includes(p.ppid));
    found.push(...next.map((p) => p.pid));
    frontier = next.map((p) => p.pid);
  }
  return found;
}

/** Resident and peak resident memory (VmRSS, VmHWM) in MB, or null when the process is gone. */
function memory(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(status.match(new RegExp(`^${key}:\\s+(\\d+)`, 'm'))?.[1] ?? 0);
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

/** The app (the --app binary, found by its executable) and its web process (WebKitWebProcess;
 * `comm` keeps 15 characters). */
function appProcesses(driverPid) {
  const below = new Set(descendants(driverPid));
  const live = processes().filter((p) => below.has(p.pid) && p.state !== 'Z');
  const exe = (pid) => {
    try {
      return realpathSync(`/proc/${pid}/exe`);
    } catch {
      return null;
    }
  };
  const appProc = live.filter((p) => exe(p.pid) === appExe).at(-1);
  const mine = appProc === undefined ? new Set() : new Set(descendants(appProc.pid));
  const web = live.filter((p) => p.comm.startsWith('WebKitWebProc') && mine.has(p.pid));
  return { app: appProc?.pid ?? null, web: web.map((p) => p.pid) };
}

function memoryNow(driverPid) {
  const { app: appPid, web } = appProcesses(driverPid);
  const webMem = web.map(memory).filter((m) => m !== null);
  // The largest web process (there is normally one per window).
  const biggest = webMem.sort((a, b) => b.peak - a.peak)[0] ?? null;
  return { app: appPid === null ? null : memory(appPid), web: biggest, webProcesses: web.length };
}

// ---------------------------------------------------------------------------------------------
// The environment: Xvfb (1280×800) and a private session bus, once; tauri-driver once per run.
// ---------------------------------------------------------------------------------------------
function freePort() {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function startXvfb() {
  for (let display = 90; display < 190; display++) {
    if (existsSync(`/tmp/.X11-unix/X${display}`) || existsSync(`/tmp/.X${display}-lock`)) continue;
    const child = start('Xvfb', [`:${display}`, '-screen', '0', '1280x800x24', '-nolisten', 'tcp']);
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && child.exitCode === null) {
      if (existsSync(`/tmp/.X11-unix/X${display}`)) return display;
      await sleep(50);
    }
    await stopPids([child.pid]); // another server took this number first: try the next
  }
  throw new Error('Xvfb could not start on any display from :90 to :189');
}

async function startBus() {
  const child = start('dbus-daemon', ['--session', '--nofork', '--nopidfile', '--print-address=1']);
  const address = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve(out.trim());
    });
    child.on('exit', () => reject(new Error('dbus-daemon ended without an address')));
  });
  if (!address.startsWith('unix:')) throw new Error(`dbus-daemon gave no address: ${address}`);
  return address;
}

async function startDriver(env) {
  const port = await freePort();
  const nativePort = await freePort();
  const driverBin = existsSync(join(process.env.HOME ?? '', '.cargo/bin/tauri-driver'))
    ? join(process.env.HOME, '.cargo/bin/tauri-driver')
    : 'tauri-driver';
  const child = start(driverBin, ['--port', String(port), '--native-port', String(nativePort)], env);
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    try {
      await fetch(`http://127.0.0.1:${port}/status`, { signal: AbortSignal.timeout(1000) });
      break;
    } catch {
      await sleep(200);
    }
  }
  // The first session right after the driver starts sometimes fails (TAURI-NOTES.md).
  await sleep(1000);
  return { child, port };
}

// ---------------------------------------------------------------------------------------------
// WebDriver over HTTP (fetch keeps one connection alive).
// ---------------------------------------------------------------------------------------------
async function wd(port, method, path, body, timeoutMs = 30_000) {
  const reply = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const json = await reply.json().catch(() => null);
  if (!reply.ok) throw new Error(`WebDriver ${method} ${path}: ${reply.status} ${JSON.stringify(json)}`);
  return json?.value;
}

class Session {
  constructor(port, id) {
    this.port = port;
    this.id = id;
  }
  static async open(port, file) {
    const body = { capabilities: { alwaysMatch: { 'tauri:options': { application: app, args: [file] } } } };
    for (let attempt = 1; ; attempt++) {
      try {
        const value = await wd(port, 'POST', '/session', body, 60_000);
        return new Session(port, value.sessionId);
      } catch (error) {
        if (attempt === 3) throw error;
        await sleep(2000);
      }
    }
  }
  call(method, path, body, timeoutMs) {
    return wd(this.port, method, `/session/${this.id}${path}`, body, timeoutMs);
  }
  /** Runs a function in the page: its source is sent, so it may use only its arguments. */
  run(fn, args = [], timeoutMs) {
    return this.call('POST', '/execute/sync', { script: `return (${fn})(...arguments);`, args }, timeoutMs);
  }
  async find(css, timeoutMs) {
    const found = await this.call('POST', '/elements', { using: 'css selector', value: css }, timeoutMs);
    return found.length === 0 ? null : { [ELEMENT]: found[0][ELEMENT] };
  }
  async click(element, timeoutMs) {
    await this.run((el) => el.scrollIntoView({ block: 'center' }), [element], timeoutMs);
    await this.call('POST', `/element/${element[ELEMENT]}/click`, {}, timeoutMs);
  }
  type(element, text, timeoutMs) {
    return this.call('POST', `/element/${element[ELEMENT]}/value`, { text }, timeoutMs);
  }
  quit() {
    return this.call('DELETE', '', undefined, 15_000);
  }
}

// ---------------------------------------------------------------------------------------------
// In-page timing. `arm` runs in the window: it notes performance.now() when the start event
// (the click, or the change event of leaving a field) reaches the window, then watches the DOM
// (a MutationObserver, and every animation frame for properties such as `checked`) until the
// wanted state is there, and notes the time once the frame that draws it has been rendered (a
// message posted from that frame's requestAnimationFrame callback runs after its style, layout
// and paint).
// ---------------------------------------------------------------------------------------------
function arm(startEvent, want) {
  // seen: the DOM holds the wanted state (the window's own work done, the reply included);
  // laid: after style and layout, forced there and then (they would run in the next frame
  // anyway); t1: that frame rendered. So an edit splits into DOM, style+layout, and the wait
  // for the frame with its paint.
  const b = { t0: null, seen: null, laid: null, t1: null };
  window.__bench = b;
  const holds = () => {
    const el = document.querySelector(want.css);
    if (el === null) return false;
    if (want.test === 'text') return (el.textContent ?? '').includes(want.value);
    if (want.test === 'checked') return el.checked === want.value;
    return true;
  };
  let done = false;
  // A message posted from a requestAnimationFrame callback is handled after that frame has
  // been rendered.
  const afterThisFrame = () => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      b.t1 = performance.now();
    };
    channel.port2.postMessage(null);
  };
  const check = (inFrame) => {
    if (done || b.t0 === null || !holds()) return;
    done = true;
    b.seen = performance.now();
    void document.documentElement.offsetHeight;
    b.laid = performance.now();
    observer.disconnect();
    if (inFrame === true) afterThisFrame();
    else requestAnimationFrame(afterThisFrame);
  };
  window.addEventListener(
    startEvent,
    () => {
      b.t0 = performance.now();
    },
    { capture: true, once: true },
  );
  const observer = new MutationObserver(() => check(false));
  observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  const frame = () => {
    if (done) return;
    check(true);
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  return null;
}

/** Counts animation frames for a second, to show how often this window draws at all. */
function countFrames() {
  const f = { n: 0, until: performance.now() + 1000 };
  window.__frames = f;
  const tick = (now) => {
    if (now < f.until) {
      f.n++;
      requestAnimationFrame(tick);
    }
  };
  requestAnimationFrame(tick);
  return null;
}

function readBench() {
  return window.__bench ?? null;
}

class Timeout extends Error {}

/**
 * Arms the page, does `act` (a WebDriver click or typing), and waits for the page's figure.
 * Gives up after PATIENCE_MS, or when the web process grows past MAX_WEB_MB.
 */
async function timed(session, driverPid, startEvent, want, act) {
  await session.run(arm, [startEvent, want]);
  const deadline = Date.now() + PATIENCE_MS;
  const left = () => Math.max(1, deadline - Date.now());
  const guard = { tripped: false };
  const watch = setInterval(() => {
    const m = memoryNow(driverPid);
    if (m.web !== null && m.web.rss > MAX_WEB_MB) guard.tripped = true;
  }, 500);
  try {
    await act(left);
    while (Date.now() < deadline && !guard.tripped) {
      const b = await session.run(readBench, [], left());
      if (b !== null && b.t1 !== null) return { ms: b.t1 - b.t0, domMs: b.seen - b.t0, layoutMs: b.laid - b.seen };
      await sleep(100);
    }
  } catch (error) {
    if (!(error instanceof DOMException || error?.name === 'TimeoutError' || error?.name === 'AbortError')) throw error;
  } finally {
    clearInterval(watch);
  }
  throw new Timeout(guard.tripped ? `web process past ${MAX_WEB_MB} MB` : `not shown after ${PATIENCE_MS / 1000} s`);
}

// ---------------------------------------------------------------------------------------------
// One run: a fresh app on one workbook, one view, its edits.
// ---------------------------------------------------------------------------------------------
async function waitFor(session, css, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const found = await session.find(css, Math.max(1, deadline - Date.now())).catch(() => null);
    if (found !== null) return found;
    await sleep(100);
  }
  throw new Timeout(`${css} not there after ${ms / 1000} s`);
}

/** Puts the caret in a field with all its text selected, so typing replaces it. */
function selectAll(el) {
  el.scrollIntoView({ block: 'center' });
  el.focus();
  el.select();
  return null;
}

async function edits(session, driverPid, view) {
  const e = view.edit;
  if (e.open !== undefined) {
    await session.click(await waitFor(session, e.open, PATIENCE_MS));
  }
  const times = [];
  for (let i = 1; i <= EDITS; i++) {
    if (e.box !== undefined) {
      const box = await waitFor(session, e.box, PATIENCE_MS);
      const before = await session.run((el) => el.checked, [box]);
      times.push(
        await timed(session, driverPid, 'click', { css: e.box, test: 'checked', value: !before }, (left) =>
          session.call('POST', `/element/${box[ELEMENT]}/click`, {}, left()),
        ),
      );
    } else {
      const field = await waitFor(session, e.field, PATIENCE_MS);
      const text = `Bench edit ${i} ${Date.now() % 100000}`;
      await session.run(selectAll, [field]);
      times.push(
        await timed(session, driverPid, 'change', { css: e.seenIn, test: 'text', value: text }, (left) =>
          session.type(field, `${text}${TAB}`, left()),
        ),
      );
    }
    await sleep(PAUSE_MS);
  }
  return times;
}

async function run(env, workbook, view) {
  const result = { workbook: workbook.label, view: view.name, edit: view.edit.what };
  const driver = await startDriver(env);
  let session = null;
  try {
    const t = Date.now();
    session = await Session.open(driver.port, workbook.file);
    try {
      await waitFor(session, UI.opened, PATIENCE_MS);
      result.openS = (Date.now() - t) / 1000; // from WebDriver's new session, by this script's clock
      await session.run(countFrames);
      await sleep(1300);
      result.framesPerSecond = await session.run(() => window.__frames.n);
      const nav = await waitFor(session, view.nav, PATIENCE_MS);
      await session.run((el) => el.scrollIntoView({ block: 'center' }), [nav]);
      result.shown = await timed(session, driver.child.pid, 'click', { css: view.shown, test: 'exists' }, (left) =>
        session.call('POST', `/element/${nav[ELEMENT]}/click`, {}, left()),
      );
      result.edits = await edits(session, driver.child.pid, view);
    } catch (error) {
      if (!(error instanceof Timeout)) throw error;
      result.failed = error.message;
    }
    result.memory = memoryNow(driver.child.pid);
  } catch (error) {
    result.failed = `harness: ${error.message}`;
    result.memory ??= memoryNow(driver.child.pid);
  } finally {
    // End the session (WebKitWebDriver closes the app); a hung window may not answer, so
    // everything below the driver is stopped too.
    const below = descendants(driver.child.pid);
    if (session !== null) await session.quit().catch(() => {});
    await stopPids([driver.child.pid]);
    await stopPids(below.filter(alive));
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Figures.
// ---------------------------------------------------------------------------------------------
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}
/** Nearest rank: the smallest value with at least 95 % of the values at or below it. */
function p95(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.ceil(0.95 * s.length) - 1];
}

const fmt = (x, digits = 0) => (x === undefined || x === null ? '–' : x.toFixed(digits));

function table(results) {
  const lines = [];
  const head = ['workbook', 'view', 'open s', 'fps', 'shown ms', 'edit med', 'edit p95', 'p95 ×ex', 'web MB', 'app MB'];
  const widths = [14, 9, 7, 4, 10, 9, 9, 8, 9, 8];
  const row = (cells) => cells.map((c, i) => String(c).padStart(widths[i])).join(' ').trimEnd();
  lines.push(row(head));
  const first = results[0]?.workbook;
  for (const r of results) {
    const base = results.find((x) => x.workbook === first && x.view === r.view);
    const ms = (edits) => (edits ?? []).map((e) => e.ms);
    const hasEdits = ms(r.edits).length === EDITS;
    const ratio = hasEdits && ms(base?.edits).length === EDITS ? p95(ms(r.edits)) / p95(ms(base.edits)) : null;
    const mem = (m) => (m === null || m === undefined ? '–' : `${fmt(m.peak)}`);
    lines.push(
      row([
        r.workbook,
        r.view,
        fmt(r.openS, 1),
        fmt(r.framesPerSecond),
        r.shown === undefined ? 'not shown' : fmt(r.shown.ms),
        hasEdits ? fmt(median(ms(r.edits))) : '–',
        hasEdits ? fmt(p95(ms(r.edits))) : '–',
        ratio === null ? '–' : fmt(ratio, 2),
        mem(r.memory?.web),
        mem(r.memory?.app),
      ]),
    );
    if (r.failed !== undefined) lines.push(`${''.padStart(widths[0])}   ${r.failed}; memory then: web ${fmt(r.memory?.web?.rss)} MB, app ${fmt(r.memory?.app?.rss)} MB`);
  }
  return lines.join('\n');
}

/** Where each view's edits went: until the DOM held the new state, style and layout, then the
 * frame (waiting for it, painting it); median/95th percentile of each part, in ms. */
function split(results) {
  const lines = [`${'workbook'.padStart(14)} ${'view'.padStart(9)}   DOM med/p95   style+layout   frame+paint`];
  for (const r of results) {
    const e = r.edits ?? [];
    if (e.length !== EDITS || e[0].layoutMs === undefined) continue;
    const part = (f) => `${fmt(median(e.map(f)))}/${fmt(p95(e.map(f)))}`.padStart(13);
    lines.push(`${r.workbook.padStart(14)} ${r.view.padStart(9)} ${part((x) => x.domMs)}  ${part((x) => x.layoutMs)}  ${part((x) => x.ms - x.domMs - x.layoutMs)}`);
  }
  return lines.join('\n');
}

async function main() {
  const display = await startXvfb();
  const bus = await startBus();
  const env = {
    DISPLAY: `:${display}`,
    DBUS_SESSION_BUS_ADDRESS: bus,
    XDG_DATA_HOME: join(scratch, 'data'),
    NO_AT_BRIDGE: '1', // no accessibility-bus warnings
  };
  const results = [];
  const views = UI.views.filter((v) => ONLY_VIEWS === null || ONLY_VIEWS.includes(v.name));
  for (const workbook of workbooks) {
    for (const view of views) {
      const began = Date.now();
      const r = await run(env, workbook, view);
      results.push(r);
      console.error(`${workbook.label} ${view.name}: ${r.failed ?? 'done'} (${((Date.now() - began) / 1000).toFixed(0)} s)`);
      // This run's row of the table so far (and its failure line), as it comes.
      console.error(table(results).split('\n').slice(r.failed === undefined ? -1 : -2).join('\n'));
    }
  }
  console.log(table(results));
  console.log(`\nEach edit's parts:\n${split(results)}`);
  console.log('\nEdits:');
  for (const v of views) console.log(`  ${v.name}: ${v.edit.what}`);
  if (jsonOut !== null) {
    writeFileSync(jsonOut, JSON.stringify(results, null, 2));
  }
}

try {
  await main();
} finally {
  await cleanUp();
}
