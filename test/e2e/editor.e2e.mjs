// UI end-to-end: the CodeLens above each KPI and the hover over a KPI of samples/kpis.yaml,
// with KPI Lens installed from kpi-lens.vsix, checked against `kpi-lens eval` and
// photographed for the README: codelens.png, hover.png and hover-breakdown.png (docs/images/ under
// `npm run screenshots`), in the dark theme.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { clickUntil, openWorkbench, waitUi, waitUntil } from './workbench.mjs';
import { repoRoot } from '../vscode/session.mjs';
import { breakdownLines, movesOf } from './expected.mjs';

const SAMPLES = path.join(repoRoot, 'samples');
const VSIX = process.env.KPI_LENS_VSIX || path.join(repoRoot, 'kpi-lens.vsix');
const slug = (s) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
const sampleLines = readFileSync(path.join(SAMPLES, 'kpis.yaml'), 'utf8').split('\n');
const lineOf = (id) => sampleLines.findIndex((l) => new RegExp(`^\\s*- id: ${id}\\s*$`).test(l)) + 1;

/** What `kpi-lens eval` says of one KPI of the sample. */
function evalKpi(id) {
  const out = execFileSync(
    process.execPath,
    [path.join(repoRoot, 'dist', 'cli.js'), 'eval', '--format', 'json', '--kpi', id, 'kpis.yaml'],
    { cwd: SAMPLES, encoding: 'utf8' },
  );
  return JSON.parse(out).kpis[0];
}

/** Hovers over `word` inside the editor token whose text is `token` (a formula is one YAML token). */
async function hoverInside(wb, token, word, expect) {
  const { page } = wb;
  const span = page.locator('.editor-instance .view-line span span', { hasText: token }).first();
  await waitUi(page, span, `the text ${JSON.stringify(token)} on screen`);
  const box = await span.boundingBox();
  const text = await span.innerText();
  const charWidth = box.width / text.length;
  const at = text.indexOf(word) + Math.min(3, word.length / 2);
  await page.mouse.move(5, 5);
  await page.mouse.move(box.x + charWidth * at, box.y + box.height / 2, { steps: 4 });
  const hover = page.locator('.monaco-hover:not(.hidden) .hover-contents');
  return waitUntil(
    `a hover over ${JSON.stringify(word)} containing ${JSON.stringify(expect)}`,
    async () => ((await hover.count()) ? (await hover.allInnerTexts()).join('\n') : ''),
    (t) => t.includes(expect),
  );
}

describe('CodeLens and hover in the editor (installed from the VSIX)', function () {
  this.timeout(120_000);
  let wb;

  before(async function () {
    wb = await openWorkbench({
      folder: SAMPLES,
      vsix: VSIX,
      settings: { 'workbench.colorTheme': 'Default Dark Modern' },
    });
    await wb.page.setViewportSize({ width: 1280, height: 720 });
    await wb.openFile('kpis.yaml');
    // Room for the editor: no side bar, no panel.
    await wb.page.keyboard.press('Control+B');
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb)
      await wb.screenshot(`failed-${slug(this.currentTest.title)}`).catch(() => {});
  });

  after(async () => {
    await wb?.close();
  });

  it('shows a lens above each KPI with its value, how it moved, target and status, as kpi-lens eval computes them', async () => {
    const nps = evalKpi('nps');
    const aht = evalKpi('aht');
    const line = lineOf('nps');
    assert.ok(line > 0, 'samples/kpis.yaml has no KPI "nps"');
    await wb.goToLine(line + 12);
    await wb.goToLine(line - 6);
    const expected = `Net Promoter Score ${nps.value.toFixed(1)} · ${movesOf(nps)} · target ≥ ${nps.target.value} by ${nps.target.due} · ${nps.status.replace(/_/g, ' ')}`;
    const lenses = wb.page.locator('.editor-instance .codelens-decoration');
    const texts = await waitUntil(
      `the lens "${expected}"`,
      () => lenses.allInnerTexts(),
      (t) => t.some((x) => x.trim() === expected),
    );
    assert.ok(texts.length >= 2, `lenses on screen: ${JSON.stringify(texts)}`);
    // The lens sits on the line above "- id: nps".
    const lens = lenses.filter({ hasText: expected }).first();
    const id = wb.page.locator('.editor-instance .view-line span span', { hasText: /^\s*nps\s*$/ }).first();
    // Measured once both are laid out: the editor may still be scrolling, and a box read
    // mid-scroll is null (seen once in a CI run).
    const [l, i] = await waitUntil(
      'the lens and "- id: nps" laid out on screen',
      async () => [await lens.boundingBox(), await id.boundingBox()],
      ([a, b]) => a !== null && b !== null,
    );
    assert.ok(l.y < i.y && i.y - l.y < 2.5 * i.height, `the lens (y=${l.y}) is not just above "- id: nps" (y=${i.y})`);
    // Another KPI's lens, with its guardrail note.
    await wb.goToLine(lineOf('aht'));
    const ahtLens = `Average handle time ${aht.value.toFixed(1)} min · ${movesOf(aht, ' min')} · target ≤ ${aht.target.value} min by ${aht.target.due} · ${aht.status.replace(/_/g, ' ')}${aht.notes.includes('guardrail-off-track') ? ' · guardrail off track' : ''}`;
    await waitUntil(
      `the lens "${ahtLens}"`,
      () => lenses.allInnerTexts(),
      (t) => t.some((x) => x.trim() === ahtLens),
    );
    await wb.goToLine(line + 12);
    await wb.goToLine(line - 6);
    await waitUntil(
      `the lens "${expected}" again`,
      () => lenses.allInnerTexts(),
      (t) => t.some((x) => x.trim() === expected),
    );
    await wb.page.mouse.move(5, 5);
    await wb.screenshot('codelens');
  });

  it("clicking a lens opens that KPI's result", async () => {
    const lens = wb.page.locator('.editor-instance .codelens-decoration a', { hasText: 'Net Promoter Score' }).first();
    const tab = wb.page.locator('.tab', { hasText: 'KPI Results' });
    await clickUntil(wb.page, lens, 'the "KPI Results" tab the lens of "nps" opens', () => tab.isVisible());
    const toast = await waitUntil(
      'the result notification',
      () => wb.notifications(),
      (t) => t.some((x) => x.includes('Net Promoter Score')),
    );
    assert.ok(
      toast.some((x) => /at risk|met|off track/.test(x)),
      JSON.stringify(toast),
    );
    await wb.page.keyboard.press('Escape');
    await wb.runCommand('View: Close All Editors');
  });

  it('hovering over a KPI id shows its value, target, status, progress, how it moved, trend, pace and goals', async () => {
    const nps = evalKpi('nps');
    const line = lineOf('nps');
    await wb.openFile('kpis.yaml');
    // The id near the bottom of the screen, so that the hover has the room above it.
    await wb.page.setViewportSize({ width: 1280, height: 900 });
    await wb.goToLine(line - 18);
    await wb.goToLine(line);
    const text = await wb.hover('nps', 'Net Promoter Score', 'the hover over the KPI "nps"');
    const value = nps.value.toFixed(1);
    for (const part of [
      `${value} in ${nps.period}`,
      `target ≥ ${nps.target.value} by ${nps.target.due}`,
      nps.status.replace(/_/g, ' '),
      movesOf(nps, '', true),
      'Trend',
      'Pace',
      'Benchmark',
      'Keep monthly churn',
    ]) {
      assert.ok(text.includes(part), `the hover lacks ${JSON.stringify(part)}; it reads:\n${text}`);
    }
    await wb.screenshot('hover');
    await wb.page.mouse.move(5, 5);
  });

  it('hovering over a KPI with a breakdown lists each group with its value, status and move, as kpi-lens eval computes them', async () => {
    const csat = evalKpi('csat');
    const line = lineOf('csat');
    assert.ok(csat.breakdowns, 'csat has no breakdown in samples/kpis.yaml');
    await wb.goToLine(line - 18);
    await wb.goToLine(line);
    const text = await wb.hover('csat', 'By channel', 'the hover over the KPI "csat"');
    // eval --format json keys the breakdowns by column: { channel: [{ group, value, status, previous, … }] }.
    for (const expected of breakdownLines(csat)) {
      assert.ok(
        text.replace(/\s+/g, ' ').includes(expected),
        `the hover lacks ${JSON.stringify(expected)}; it reads:\n${text}`,
      );
    }
    await wb.screenshot('hover-breakdown');
    await wb.page.mouse.move(5, 5);
  });

  it('hovering over a column in a formula shows its type, counts and examples', async () => {
    const line = sampleLines.findIndex((l) => l.includes('formula: avg(handle_seconds) / 60')) + 1;
    await wb.goToLine(line);
    const text = await hoverInside(wb, 'avg(handle_seconds) / 60', 'handle_seconds', 'number column');
    assert.match(text, /[\d,]+ values · [\d,]+ null/, text);
    assert.match(text, /min \d+ · max \d+/, text);
    await wb.screenshot('hover-column');
    await wb.page.mouse.move(5, 5);
  });
});
