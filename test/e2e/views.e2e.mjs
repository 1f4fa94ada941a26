// UI end-to-end: the results view, the alignment view and the status bar of KPI Lens
// installed from kpi-lens.vsix, on samples/kpis.yaml, in a dark and a light theme.
// Screenshots: results-view(-light).png, results-breakdown(-light).png and alignment-view(-light).png (docs/images/
// under `npm run screenshots`).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { clickUntil, openWorkbench, waitUi, waitUntil } from './workbench.mjs';
import { repoRoot } from '../vscode/session.mjs';

const SAMPLES = path.join(repoRoot, 'samples');
const VSIX = process.env.KPI_LENS_VSIX || path.join(repoRoot, 'kpi-lens.vsix');
const slug = (s) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);

const THEMES = [
  { name: 'dark', theme: 'Default Dark Modern', suffix: '' },
  { name: 'light', theme: 'Default Light Modern', suffix: '-light' },
];

for (const { name, theme, suffix } of THEMES) {
  describe(`results and alignment views (${name} theme)`, function () {
    this.timeout(120_000);
    let wb;
    /** The results webview's document (two iframes deep). */
    const results = () => wb.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    const alignmentPane = () =>
      wb.page.locator('.pane', { has: wb.page.locator('.pane-header', { hasText: 'KPI Alignment' }) });

    before(async function () {
      wb = await openWorkbench({ folder: SAMPLES, vsix: VSIX, settings: { 'workbench.colorTheme': theme } });
      await wb.page.setViewportSize({ width: 1440, height: 900 });
      await wb.openFile('kpis.yaml');
    });

    afterEach(async function () {
      if (this.currentTest?.state === 'failed' && wb)
        await wb.screenshot(`failed-${slug(this.currentTest.title)}${suffix}`).catch(() => {});
    });

    after(async () => {
      await wb?.close();
    });

    it('sums up the file in the status bar: met, at risk, off track, misaligned', async () => {
      const item = wb.page.locator('.statusbar-item', { hasText: 'misaligned' }).first();
      await waitUi(wb.page, item, 'the KPI Lens status bar item');
      const text = (await item.innerText()).replace(/\s+/g, ' ').trim();
      assert.match(
        text,
        /^\d+ met · \d+ at risk · \d+ off track · 1 misaligned$/,
        `status bar: ${JSON.stringify(text)}`,
      );
    });

    it('"KPI: Show Goal Alignment" shows the goal tree with "Not linked to a goal" on top in the explorer', async () => {
      // Fold the file tree so that the alignment view has the room.
      const folders = wb.page.locator('.pane-header', { hasText: /^samples$/i }).first();
      if ((await folders.getAttribute('aria-expanded')) === 'true') await folders.click();
      await wb.runCommand('KPI: Show Goal Alignment');
      const pane = await waitUi(wb.page, alignmentPane(), 'the KPI Alignment view in the explorer');
      await waitUntil(
        'the alignment view to expand',
        () => pane.locator('.pane-header').first().getAttribute('aria-expanded'),
        (v) => v === 'true',
      );
      const rows = await waitUntil(
        'the alignment tree to list goals and KPIs',
        () => pane.locator('.monaco-list-row').allInnerTexts(),
        (rs) => rs.some((r) => r.includes('Pages per visit')) && rs.some((r) => r.includes('Average handle time')),
      );
      const flat = rows.map((r) => r.replace(/\s+/g, ' ').trim());
      assert.match(flat[0], /^Not linked to a goal/, `first row: ${flat[0]}`);
      assert.match(flat[1], /^Pages per visit.*off track/, `second row: ${flat[1]}`);
      // The classic misalignment: handle time met by rushing customers, its guardrails FCR and CSAT off track.
      assert.ok(
        flat.some((r) => /^Average handle time ?[\d.]+ min · met · guardrail off track$/.test(r)),
        `no AHT row with its guardrail note in ${JSON.stringify(flat)}`,
      );
      assert.ok(
        flat.some((r) => /^Grow monthly recurring revenue by half in 2026 ?grow_revenue/.test(r)),
        `no root goal row in ${JSON.stringify(flat)}`,
      );
    });

    it('clicking a KPI in the alignment view selects it in the file', async () => {
      // A wider side bar, so that the picture shows whole titles.
      const sidebar = await wb.page.locator('#workbench\\.parts\\.sidebar').boundingBox();
      const y = sidebar.y + sidebar.height / 2;
      await wb.page.mouse.move(sidebar.x + sidebar.width + 1, y);
      await wb.page.mouse.down();
      await wb.page.mouse.move(sidebar.x + sidebar.width + 170, y, { steps: 6 });
      await wb.page.mouse.up();
      const line =
        readFileSync(path.join(SAMPLES, 'kpis.yaml'), 'utf8')
          .split('\n')
          .findIndex((l) => /- id: aht\s*$/.test(l)) + 1;
      await clickUntil(
        wb.page,
        alignmentPane().locator('.monaco-list-row', { hasText: 'Average handle time' }).first(),
        `the cursor on line ${line} (aht) with "aht" selected`,
        async () => {
          const s = await wb.statusCursor();
          return s.startsWith(`Ln ${line},`) && s.includes('3 selected');
        },
      );
      await wb.page.mouse.move(900, 880);
      await waitUntil(
        'no tooltip on screen',
        () => wb.page.locator('.workbench-hover-container, .monaco-hover:not(.hidden)').count(),
        (n) => n === 0,
      );
      await wb.screenshot(`alignment-view${suffix}`);
    });

    it('"KPI: Evaluate All KPIs" opens the results view: every KPI with value, change, target, status, progress and chart', async () => {
      await wb.runCommand('KPI: Evaluate All KPIs');
      const table = await waitUi(
        wb.page,
        results().locator('table.results'),
        'the results table in the webview',
        30_000,
      );
      const rows = table.locator('tbody tr.kpi');
      await waitUntil(
        '14 KPI rows',
        () => rows.count(),
        (n) => n === 14,
      );
      const nps = (await rows.filter({ hasText: 'Net Promoter Score' }).innerText()).replace(/\s+/g, ' ');
      assert.match(nps, /30\.4.*2026-10.*[▲▼=].*vs 2026-09.*vs a year ago.*≥ 40.*at risk/, `the NPS row: ${nps}`);
      assert.equal(await table.locator('tr.kpi svg.chart').count(), 14, 'a chart per KPI');
      // Give the results the whole window for the picture.
      await wb.page.keyboard.press('Escape');
      await wb.page.locator('.tab', { hasText: 'KPI Results' }).first().click();
      await wb.runCommand('View: Maximize Editor Group and Hide Side Bars');
      await waitUntil(
        'the side bar to hide',
        () => wb.page.locator('#workbench\\.parts\\.sidebar').isVisible(),
        (v) => !v,
      );
      await results().locator('h1').click(); // focus the webview, away from the palette
      await wb.screenshot(`results-view${suffix}`);
    });

    it("clicking a KPI's breakdown opens it: each group with value, change, status and chart", async () => {
      const section = results().locator('details.breakdown[data-key="csat/channel"]');
      const summary = section.locator('summary');
      await waitUi(wb.page, summary, 'the "By channel" breakdown of CSAT');
      const groups = section.locator('tr.group');
      assert.equal(await groups.first().isVisible(), false, 'collapsed at first');
      await clickUntil(wb.page, summary, 'the CSAT groups by channel on screen', () => groups.first().isVisible());
      const texts = (await groups.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
      assert.equal(texts.length, 3, JSON.stringify(texts));
      for (const t of texts)
        assert.match(
          t,
          /^(email|chat|phone) [\d,]+ rows [\d.]+% [▲▼=].*vs 2026-09.*vs a year ago.*(met|at risk|off track)/,
          t,
        );
      assert.equal(await section.locator('svg.chart').count(), 3, 'a chart per group');
      // CSAT's row on top of the (still maximized) view, its groups under it.
      await results()
        .locator('tr.kpi[data-id="csat"]')
        .evaluate((row) => row.scrollIntoView({ block: 'start' }));
      await wb.page.mouse.move(5, 5);
      await wb.screenshot(`results-breakdown${suffix}`);
    });

    it('clicking a row in the results view selects the KPI in the file', async () => {
      const line =
        readFileSync(path.join(SAMPLES, 'kpis.yaml'), 'utf8')
          .split('\n')
          .findIndex((l) => /- id: fcr\s*$/.test(l)) + 1;
      await clickUntil(
        wb.page,
        results().locator('tr.kpi', { hasText: 'First-contact resolution' }),
        `the cursor on line ${line} (fcr)`,
        async () => (await wb.statusCursor()).startsWith(`Ln ${line},`),
      );
    });
  });
}
