import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { lensesFor } from '../../../src/core/editor';
import { formatValue } from '../../../src/core/presentation/number';
import { STATUS_LABEL, unitLabelOf, targetText } from '../../../src/core/presentation/resultText';
import { kpisById } from '../../../src/core/model/lookup';
import type { Comparison } from '../../../src/core/evaluation/comparisons';
import { lineOf, load, SAMPLE } from './kit';
import { fixture } from '../../paths';

test('one lens per KPI at its `- id:` line, with value, the move against the month before, target and status', () => {
  const f = load();
  const lenses = lensesFor(f.analysis, f.results);
  assert.deepEqual(
    lenses.map((l) => [l.kpiId, lineOf(f.text, l.range.start), l.title]),
    [
      // NPS by month 25, 40, 33.3 (hover.test.ts): 33.3 − 40 = −6.7. Responses (every row) 5, 5, 3: −2.
      // NPS per response 40 / 5 = 8 in February, 33.3 / 3 = 11.1 in March: +3.1. No year-ago month in the data.
      ['nps', 20, 'Net Promoter Score 33.3 · ▼ 6.7 vs 2026-02 · target ≥ 50 by 2026-06-30 · at risk'],
      ['responses', 35, 'Responses 3 · ▼ 2 vs 2026-02 · target ≥ 5 by 2026-06-30 · off track'],
      ['per_response', 45, 'NPS per response 11.1 · ▲ 3.1 vs 2026-02 · target ≥ 10 · met'],
      ['revenue', 51, 'Revenue 300.5 EUR · target ≥ 1,000 EUR · off track'],
    ],
  );
  assert.equal(
    f.text.slice(f.text.lastIndexOf('\n', lenses[0]!.range.start) + 1, lenses[0]!.range.start + 3),
    '  - id:',
  );
  assert.equal(
    lenses[0]!.tooltip,
    "Net Promoter Score: 33.3 in 2026-03. ▼ 6.7 vs 2026-02 (worse). Click to open this KPI's result.",
  );
  assert.equal(lenses[3]!.tooltip, "Revenue: 300.5 EUR over all rows. Click to open this KPI's result.");
});

test('a lens says "not computed" and why, and "no target" without one', () => {
  const f = load(undefined, (t) =>
    t.replace('formula: count()', 'formula: count(').replace('    target:\n      value: 10\n', ''),
  );
  const titles = lensesFor(f.analysis, f.results).map((l) => l.title);
  assert.equal(titles[1], 'Responses · not computed: its formula has errors');
  assert.equal(titles[2], 'NPS per response · not computed: it uses "responses", which could not be computed');
  const g = load(undefined, (t) => t.replace('    target:\n      value: 10\n', ''));
  assert.equal(lensesFor(g.analysis, g.results)[2]!.title, 'NPS per response 11.1 · ▲ 3.1 vs 2026-02 · no target');
});

test('lenses on the sample file read as the results do, moves and guardrail notes included', () => {
  const f = load(SAMPLE, undefined, '2026-10-15');
  const byId = kpisById(f.analysis.model);
  const lenses = lensesFor(f.analysis, f.results);
  assert.equal(lenses.length, f.results.length);
  for (const [i, r] of f.results.entries()) {
    const label = unitLabelOf(byId.get(r.id)!);
    const move = (c: Comparison | null | undefined, vs: string): string =>
      c?.delta ? ` · ${c.delta > 0 ? '▲' : '▼'} ${formatValue(Math.abs(c.delta), label)} vs ${vs}` : '';
    const moves = move(r.previous, r.previous?.period ?? '') + move(r.year_ago, 'a year ago');
    assert.ok(moves.includes('vs a year ago'), `${r.id}: the samples run 22 months`);
    const guardrail = r.notes.includes('guardrail-off-track') ? ' · guardrail off track' : '';
    const expected = `${r.name} ${formatValue(r.value, label)}${moves} · target ${targetText(r, label)} · ${STATUS_LABEL[r.status!]}${guardrail}`;
    assert.equal(lenses[i]!.title, expected);
  }
  // Checked in DuckDB over samples/data: NPS 2025-10 31.25, 2026-09 32.84, 2026-10 30.43 (−2.40, −0.82);
  // handle time 2025-10 9.99 min, 2026-09 6.88, 2026-10 5.80 (−1.08, −4.20).
  assert.equal(
    lenses.find((l) => l.kpiId === 'nps')!.title,
    'Net Promoter Score 30.4 · ▼ 2.4 vs 2026-09 · ▼ 0.82 vs a year ago · target ≥ 40 by 2026-12-31 · at risk',
  );
  assert.equal(
    lenses.find((l) => l.kpiId === 'aht')!.title,
    'Average handle time 5.8 min · ▼ 1.1 min vs 2026-09 · ▼ 4.2 min vs a year ago · target ≤ 7.5 min by 2026-12-31 · met · guardrail off track',
  );
});

test('a value just short of its target never reads as the target, and the target reads as written: 33.33 against ≥ 33.34', () => {
  const f = load(undefined, (t) => t.replace('      value: 50\n', '      value: 33.34\n'));
  // nps = (2 promoters − 1 detractor) / 3 responses × 100 = 33.333…, below 33.34 but above the warning 30.
  assert.equal(
    lensesFor(f.analysis, f.results)[0]!.title,
    'Net Promoter Score 33.33 · ▼ 6.7 vs 2026-02 · target ≥ 33.34 by 2026-06-30 · at risk',
  );
});

test('a target of 33.3 against a value of 33.333…: the value shows the decimal that tells them apart', () => {
  const f = load(undefined, (t) => t.replace('      value: 50\n', '      value: 33.3\n'));
  assert.equal(
    lensesFor(f.analysis, f.results)[0]!.title,
    'Net Promoter Score 33.33 · ▼ 6.7 vs 2026-02 · target ≥ 33.3 by 2026-06-30 · met',
  );
});

test('a lens names an unusual change; its tooltip judges the move and gives the numbers', () => {
  const f = load(fixture('evaluation', 'unusual.kpis.yaml'), undefined, '2025-10-15');
  const [orders, value, all] = lensesFor(f.analysis, f.results);
  // Orders 6 in August, 20 in September (unusualChange.test.ts); the average order 105 → 104 EUR.
  assert.equal(orders!.title, 'Orders 20 · ▲ 14 vs 2025-08 · target ≥ 10 by 2025-12-31 · met · unusual change');
  assert.equal(
    orders!.tooltip,
    "Orders: 20 in 2025-09. ▲ 14 vs 2025-08 (better). Unusual change: change +14 vs a mean of +0.14 (sd 0.99) over 7 earlier changes: 14.0 sd above. Click to open this KPI's result.",
  );
  // A fall is better for a target to decrease.
  assert.equal(value!.title, 'Average order 104 EUR · ▼ 1 EUR vs 2025-08 · target ≤ 90 EUR by 2025-12-31 · off track');
  assert.match(value!.tooltip, /▼ 1 EUR vs 2025-08 \(better\)\./);
  assert.equal(all!.title, 'All orders 64 · no target');
});
