// Drives the real VS Code workbench (code-server in headless Chromium) with playwright-core,
// with KPI Lens installed from its VSIX as a user would install it. Selectors measured on
// VS Code 1.139.1 web (../shared/VSCODE-TESTING.md).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  codeServerCli,
  launchChromium,
  makeRunDir,
  repoRoot,
  startCodeServer,
  within,
  writeUserSettings,
} from '../vscode/session.mjs';

export const RESULTS_DIR = path.join(repoRoot, 'test-results', 'e2e');
export const IMAGES_DIR = path.join(repoRoot, 'docs', 'images');
/** `npm run screenshots` sets this: the named screenshots then go to docs/images/ too. */
export const SCREENSHOTS = process.env.KPI_LENS_SCREENSHOTS === '1';
const UI_WAIT = Number(process.env.KPI_LENS_UI_WAIT_MS || 15_000);

const log = (msg) => process.stderr.write(`[e2e] ${msg}\n`);

/**
 * Installs `vsix` into a fresh extensions folder, starts code-server on `folder` and
 * Chromium, and waits for the workbench and its explorer. Call `close()` (or the session
 * teardown) to end both process groups.
 */
export async function openWorkbench({ folder, vsix, settings = {}, machineSettings = {} }) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const run = makeRunDir('e2e');
  const userDataDir = path.join(run.dir, 'user-data');
  const extensionsDir = path.join(run.dir, 'extensions');
  writeUserSettings(
    userDataDir,
    {
      'workbench.editor.enablePreview': false,
      'editor.hover.delay': 100,
      'editor.minimap.enabled': false,
      'editor.stickyScroll.enabled': false,
      'breadcrumbs.enabled': false,
      'window.commandCenter': false,
      ...settings,
    },
    machineSettings,
  );

  const installed = await codeServerCli(['--install-extension', vsix], {
    extensionsDir,
    userDataDir,
    run,
    stdio: 'pipe',
  });
  if (installed.code !== 0)
    throw new Error(`code-server --install-extension ${vsix} failed (exit ${installed.code}):\n${installed.stdout}`);
  const listed = await codeServerCli(['--list-extensions', '--show-versions'], {
    extensionsDir,
    userDataDir,
    run,
    stdio: 'pipe',
  });
  if (!/^kpi-lens\.kpi-lens@/m.test(listed.stdout))
    throw new Error(`kpi-lens.kpi-lens is not listed after installing ${vsix}:\n${listed.stdout}`);

  const server = await startCodeServer({
    run,
    userDataDir,
    extensionsDir,
    logFile: path.join(RESULTS_DIR, 'code-server.log'),
  });
  // Chromium has crashed on start-up here once in many runs (the page closed under the
  // first wait): a browser that closes before the workbench shows is started again, once,
  // with a fresh profile. A workbench that never shows in a live browser still fails.
  for (let attempt = 1; ; attempt++) {
    const profile = attempt === 1 ? run['chromium-profile'] : `${run['chromium-profile']}-${attempt}`;
    const browser = await launchChromium(run, { viewport: { width: 1280, height: 800 }, profile });
    try {
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      page.setDefaultTimeout(UI_WAIT);
      await within(
        60_000,
        `the workbench page ${server.base}`,
        page.goto(server.url(folder), { waitUntil: 'domcontentloaded', timeout: 0 }),
      );
      await waitUi(page, '.monaco-workbench', 'the workbench (.monaco-workbench)', 60_000);
      await waitUi(page, '.explorer-folders-view .monaco-list-row', 'the explorer to list the workspace', 60_000);
      return new Workbench(page, server, browser);
    } catch (e) {
      await browser.close();
      if (attempt >= 2 || !/closed|crash/i.test(e.message)) throw e;
      console.log(`      (Chromium closed while the workbench opened: ${e.message.split('\n')[0]}; starting it again)`);
    }
  }
}

/** Waits for a visible element; the timeout message names what it waited for. */
export async function waitUi(page, selector, what, ms = UI_WAIT, options = {}) {
  const locator = typeof selector === 'string' ? page.locator(selector).first() : selector;
  try {
    await locator.waitFor({ state: 'visible', timeout: ms, ...options });
  } catch (e) {
    throw new Error(
      e?.message?.includes('Timeout')
        ? `Timed out after ${ms / 1000} s waiting for ${what}`
        : `Stopped waiting for ${what}: ${e?.message}`,
      { cause: e },
    );
  }
  return locator;
}

/** Waits until `read()` satisfies `check`, re-reading every 100 ms; fails naming `what` and the last value. */
export async function waitUntil(what, read, check, ms = UI_WAIT) {
  const until = Date.now() + ms;
  let last;
  for (;;) {
    last = await read();
    if (check(last)) return last;
    if (Date.now() > until)
      throw new Error(`Timed out after ${ms / 1000} s waiting for ${what}; last seen: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Clicks `target` until `done()` holds: a click that lands while the workbench re-renders
 * the element (a CodeLens refreshed, a webview's script not yet listening) does nothing,
 * so it is repeated, a bounded number of times. Fails naming `what` and the last state.
 */
export async function clickUntil(page, target, what, done, { attempts = 3, each = 6_000 } = {}) {
  for (let attempt = 1; ; attempt++) {
    await waitUi(page, target, `${what}: the element to click`);
    await target.click();
    try {
      return await waitUntil(
        `${what} (click ${attempt} of ${attempts})`,
        done,
        Boolean,
        attempt < attempts ? each : UI_WAIT,
      );
    } catch (e) {
      if (attempt >= attempts) throw e;
    }
  }
}

export class Workbench {
  constructor(page, server, browser) {
    this.page = page;
    this.server = server;
    this.browser = browser;
  }

  /** Opens a file by quick open (Ctrl+P), as a user would. */
  async openFile(relativePath) {
    const { page } = this;
    await page.keyboard.press('Escape');
    await page
      .locator('.monaco-workbench')
      .click({ position: { x: 5, y: 5 }, force: true })
      .catch(() => {});
    await page.keyboard.press('Control+P');
    const input = await waitUi(page, '.quick-input-widget .quick-input-box input', 'the quick open box (Ctrl+P)');
    await input.fill(relativePath);
    const name = path.basename(relativePath);
    const row = await waitUi(
      page,
      page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first(),
      `"${name}" in quick open`,
    );
    await row.click();
    await waitUi(page, page.locator('.tabs-container .tab.active', { hasText: name }), `the editor tab of ${name}`);
    await waitUi(page, '.editor-instance .view-lines', `the text of ${name}`);
  }

  /** Goes to a 1-based line with Ctrl+G. */
  async goToLine(line) {
    const { page } = this;
    await page.keyboard.press('Control+G');
    const input = await waitUi(page, '.quick-input-widget .quick-input-box input', 'the go-to-line box (Ctrl+G)');
    await input.fill(`:${line}`);
    await page.keyboard.press('Enter');
    await waitUntil(
      `the cursor on line ${line}`,
      () => this.statusCursor(),
      (s) => s.startsWith(`Ln ${line},`),
    );
  }

  /** The status bar's "Ln X, Col Y". */
  async statusCursor() {
    const text = await this.page
      .locator('#status\\.editor\\.selection')
      .innerText()
      .catch(() => '');
    return text.trim();
  }

  /** Opens the Problems panel (Ctrl+Shift+M) and returns its rows' texts once `check` accepts them. */
  async problems(check = (rows) => rows.length > 0, what = 'rows in the Problems panel') {
    const { page } = this;
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Shift+M');
    await waitUi(page, '.markers-panel', 'the Problems panel (Ctrl+Shift+M)');
    return waitUntil(what, () => page.locator('.markers-panel .monaco-list-row').allInnerTexts(), check);
  }

  /**
   * Hovers over the first visible token with `text` in the editor and returns the hover's
   * text once it contains `expect`. A CodeLens or a re-render can move the line away from
   * under a still mouse (so no hover opens): the token is found and aimed at afresh, a
   * bounded number of times, before giving up.
   */
  async hover(text, expect, what) {
    const { page } = this;
    const exact = new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
    const token = page.locator('.editor-instance .view-line span span', { hasText: exact }).first();
    const hover = page.locator('.monaco-hover:not(.hidden) .hover-contents');
    const waiting = what ?? `a hover over ${JSON.stringify(text)} containing ${JSON.stringify(expect)}`;
    const attempts = 3;
    for (let attempt = 1; ; attempt++) {
      await waitUi(page, token, `the token ${JSON.stringify(text)} on screen`);
      const box = await token.boundingBox();
      // Move away first, so the hover opens fresh.
      await page.mouse.move(5, 5);
      await page.mouse.move(box.x + Math.min(box.width / 2, 20), box.y + box.height / 2, { steps: 4 });
      try {
        return await waitUntil(
          `${waiting} (attempt ${attempt} of ${attempts}, mouse at ${Math.round(box.x)},${Math.round(box.y)})`,
          async () => ((await hover.count()) ? (await hover.allInnerTexts()).join('\n') : ''),
          (t) => t.includes(expect),
          attempt < attempts ? 6_000 : UI_WAIT,
        );
      } catch (e) {
        if (attempt >= attempts) throw e;
      }
    }
  }

  /** Runs a command by its palette title (Ctrl+Shift+P). */
  async runCommand(title) {
    const { page } = this;
    // A webview that takes focus just after the palette opens closes it again: open it
    // afresh, a bounded number of times, until the title could be typed.
    for (let attempt = 1; ; attempt++) {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+Shift+P');
      const input = await waitUi(
        page,
        '.quick-input-widget .quick-input-box input',
        'the command palette (Ctrl+Shift+P)',
      );
      try {
        await input.fill(`>${title}`, { timeout: 5_000 });
        break;
      } catch (e) {
        if (attempt >= 3)
          throw new Error(
            `The command palette closed before "${title}" could be typed, ${attempt} times: ${e.message.split('\n')[0]}`,
            { cause: e },
          );
      }
    }
    const row = await waitUi(
      page,
      page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first(),
      `the command "${title}" in the palette`,
    );
    await row.click();
  }

  /** Texts of the visible notification toasts. */
  notifications() {
    return this.page
      .locator('.notifications-toasts .notification-toast .notification-list-item-message')
      .allInnerTexts();
  }

  /**
   * Saves a screenshot as test-results/e2e/<name>.png, and as docs/images/<name>.png when
   * run as `npm run screenshots`. Animations are disabled so hovers are not caught mid-fade.
   */
  async screenshot(name) {
    const targets = [path.join(RESULTS_DIR, `${name}.png`)];
    // Failure pictures (failureScreenshot) never go to docs/images.
    const forDocs = SCREENSHOTS && !name.startsWith('failed-');
    if (forDocs) targets.push(path.join(IMAGES_DIR, `${name}.png`));
    for (const file of targets) {
      mkdirSync(path.dirname(file), { recursive: true });
      await this.page.screenshot({ path: file, animations: 'disabled' });
    }
    if (forDocs) log(`wrote ${path.relative(repoRoot, targets[1])}`);
  }

  /** The screen when a test failed: test-results/e2e/failed-<title>.png only. */
  failureScreenshot(title) {
    const slug = title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 80);
    return this.screenshot(`failed-${slug}`);
  }

  async close() {
    await this.browser.close();
    await this.server.stop();
  }
}
