// UI end-to-end: KPI Lens installed from kpi-lens.vsix into code-server, driven in
// Chromium as a user would: open samples/kpis.yaml, find the misaligned KPI in the
// Problems panel and under its squiggle, hover over it, run a "KPI:" command.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openWorkbench, waitUi, waitUntil } from './workbench.mjs';
import { repoRoot } from '../vscode/session.mjs';

const SAMPLES = path.join(repoRoot, 'samples');
const VSIX = process.env.KPI_LENS_VSIX || path.join(repoRoot, 'kpi-lens.vsix');
const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));

// The sample's one deliberate warning: "pages_per_visit" is linked to no goal.
const MISALIGNED = 'pages_per_visit';
const sampleLines = readFileSync(path.join(SAMPLES, 'kpis.yaml'), 'utf8').split('\n');
const misalignedLine = sampleLines.findIndex((l) => new RegExp(`^\\s*- id: ${MISALIGNED}\\s*$`).test(l)) + 1;
const misalignedCol = (sampleLines[misalignedLine - 1] ?? '').indexOf(MISALIGNED) + 1;

describe('KPI Lens in the VS Code workbench (installed from the VSIX)', function () {
  this.timeout(120_000);
  let wb;

  before(async function () {
    assert.ok(misalignedLine > 0, `samples/kpis.yaml no longer has the KPI "${MISALIGNED}" this test looks for`);
    wb = await openWorkbench({ folder: SAMPLES, vsix: VSIX });
    await wb.openFile('kpis.yaml');
    // The extension has activated and checked the file once the status bar counts its problems.
    await waitUntil(
      'KPI Lens to check kpis.yaml (problem counts in the status bar)',
      () => wb.page.locator('#status\\.problems').innerText(),
      (t) => /[1-9]/.test(t),
      60_000,
    );
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb) {
      await wb.failureScreenshot(this.currentTest.title).catch(() => {});
    }
  });

  after(async () => {
    await wb?.close();
  });

  it(`lists the misaligned KPI's no-goal warning in the Problems panel at its line`, async () => {
    const where = `[Ln ${misalignedLine}, Col ${misalignedCol}]`;
    const rows = await wb.problems(
      (rs) => rs.some((r) => r.includes(`"${MISALIGNED}" is linked to no goal`)),
      `the no-goal warning of "${MISALIGNED}" in the Problems panel`,
    );
    const row = rows.find((r) => r.includes(`"${MISALIGNED}" is linked to no goal`));
    assert.ok(row.includes(where), `the Problems row should point at ${where}: ${JSON.stringify(row)}`);
    assert.ok(
      /kpi-lens/.test(row) && /no-goal/.test(row),
      `the row should name source kpi-lens and rule no-goal: ${JSON.stringify(row)}`,
    );
    const counts = await wb.page.locator('#status\\.problems').innerText();
    assert.match(
      counts.replace(/\s+/g, ' '),
      /\b0\b.*\b1\b/,
      `status bar problem counts (0 errors, 1 warning): ${JSON.stringify(counts)}`,
    );
    await wb.screenshot('problems-panel');
  });

  it(`draws a warning squiggle under "${MISALIGNED}"`, async () => {
    await wb.page.keyboard.press('Escape');
    await wb.page.keyboard.press('Control+J'); // hide the panel again
    await wb.goToLine(misalignedLine);
    const token = await waitUi(
      wb.page,
      wb.page.locator('.editor-instance .view-line span span', { hasText: MISALIGNED }).first(),
      `"${MISALIGNED}" in the editor`,
    );
    const squiggle = await waitUi(
      wb.page,
      '.editor-instance .view-overlays .squiggly-warning',
      'a warning squiggle in the editor',
    );
    // Measured once both are laid out (a box read while the editor scrolls is null).
    const [t, s] = await waitUntil(
      'the token and its squiggle laid out on screen',
      async () => [await token.boundingBox(), await squiggle.boundingBox()],
      ([a, b]) => a !== null && b !== null,
    );
    assert.ok(
      Math.abs(t.y - s.y) < t.height,
      `the squiggle (y=${s.y}) is not on the line of "${MISALIGNED}" (y=${t.y})`,
    );
    assert.ok(
      Math.abs(t.x - s.x) < 2 && Math.abs(t.width - s.width) < 2,
      `the squiggle (x=${s.x}, w=${s.width}) does not cover "${MISALIGNED}" (x=${t.x}, w=${t.width})`,
    );
    await wb.screenshot('squiggle');
  });

  it(`shows the warning when hovering over "${MISALIGNED}"`, async () => {
    const text = await wb.hover(MISALIGNED, 'is linked to no goal');
    assert.match(text, /kpi-lens/, `the hover should name the source: ${JSON.stringify(text)}`);
    assert.match(text, /no-goal/, `the hover should name the rule: ${JSON.stringify(text)}`);
    await wb.screenshot('hover-diagnostic');
    await wb.page.mouse.move(5, 5);
  });

  it("shows a KPI's computed value, target and status when hovering over its id", async () => {
    const cli = JSON.parse(
      execFileSync(
        process.execPath,
        [path.join(repoRoot, 'dist', 'cli.js'), 'eval', '--format', 'json', '--kpi', 'aht', 'kpis.yaml'],
        { cwd: SAMPLES, encoding: 'utf8' },
      ),
    );
    const aht = cli.kpis[0];
    assert.equal(aht.id, 'aht');
    const line = sampleLines.findIndex((l) => /^\s*- id: aht\s*$/.test(l)) + 1;
    await wb.goToLine(line);
    const value = `${aht.value.toFixed(1)} min`;
    const text = await wb.hover('aht', 'Average handle time', 'the hover over the KPI "aht"');
    // The value leads its line ("5.8 min in 2026-10"); the trend line repeats it as a low, so match the lead.
    for (const part of [
      `${value} in ${aht.period}`,
      `≤ ${aht.target.value} min`,
      aht.status.replace(/_/g, ' '),
      'Guardrails',
    ]) {
      assert.ok(text.includes(part), `the hover over "aht" lacks ${JSON.stringify(part)}; it reads:\n${text}`);
    }
    await wb.screenshot('hover-kpi');
    await wb.page.mouse.move(5, 5);
  });

  it('runs a "KPI:" command from the command palette', async () => {
    const commands = (manifest.contributes?.commands ?? []).filter((c) => c.category === 'KPI');
    const evaluateAll = commands.find((c) => c.command === 'kpiLens.evaluateAll');
    assert.ok(
      evaluateAll,
      `the manifest contributes kpiLens.evaluateAll in the KPI category; it has: ${commands.map((c) => c.command).join(', ')}`,
    );
    await wb.runCommand(`KPI: ${evaluateAll.title}`);
    // evaluateAll opens the results view: a webview whose document lists every KPI.
    await waitUi(
      wb.page,
      wb.page.locator('.tab', { hasText: 'KPI Results' }),
      'the "KPI Results" tab the command opens',
    );
    const body = wb.page.frameLocator('iframe.webview.ready').frameLocator('iframe').locator('body');
    const text = await waitUntil(
      'the results view to list the KPIs',
      () => body.innerText({ timeout: 1000 }).catch(() => ''),
      (t) => t.includes('Average handle time'),
    );
    assert.ok(
      text.includes('Pages per visit'),
      `the results view should list every KPI; it reads:\n${text.slice(0, 500)}`,
    );
    // A command that throws shows an error toast.
    const toasts = await wb.notifications();
    assert.ok(!toasts.some((t) => /error|failed|cannot/i.test(t)), `the command reported: ${toasts.join(' | ')}`);
    await wb.screenshot('command');
  });
});
