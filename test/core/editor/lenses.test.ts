import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { lensesFor } from '../../../src/core/editor';
import { formatValue } from '../../../src/core/presentation/number';
import { STATUS_LABEL, unitLabelOf, targetText } from '../../../src/core/presentation/resultText';
import { kpisById } from '../../../src/core/model/lookup';
import { lineOf, load, SAMPLE } from './kit';

test('one lens per KPI at its `- id:` line, with value, target and status', () => {
  const f = load();
  const lenses = lensesFor(f.analysis, f.results);
  assert.deepEqual(
    lenses.map((l) => [l.kpiId, lineOf(f.text, l.range.start), l.title]),
    [
      ['nps', 20, 'Net Promoter Score 33.3 · target ≥ 50 by 2026-06-30 · at risk'],
      ['responses', 35, 'Responses 3 · target ≥ 5 by 2026-06-30 · off track'],
      ['per_response', 45, 'NPS per response 11.1 · target ≥ 10 · met'],
      ['revenue', 51, 'Revenue 300.5 EUR · target ≥ 1,000 EUR · off track'],
    ],
  );
  assert.equal(
    f.text.slice(f.text.lastIndexOf('\n', lenses[0]!.range.start) + 1, lenses[0]!.range.start + 3),
    '  - id:',
  );
  assert.equal(lenses[0]!.tooltip, "Net Promoter Score: 33.3 in 2026-03. Click to open this KPI's result.");
});

test('a lens says "not computed" and why, and "no target" without one', () => {
  const f = load(undefined, (t) =>
    t.replace('formula: count()', 'formula: count(').replace('    target:\n      value: 10\n', ''),
  );
  const titles = lensesFor(f.analysis, f.results).map((l) => l.title);
  assert.equal(titles[1], 'Responses · not computed: its formula has errors');
  assert.equal(titles[2], 'NPS per response · not computed: it uses "responses", which could not be computed');
  const g = load(undefined, (t) => t.replace('    target:\n      value: 10\n', ''));
  assert.equal(lensesFor(g.analysis, g.results)[2]!.title, 'NPS per response 11.1 · no target');
});

test('lenses on the sample file read as the results do, guardrail notes included', () => {
  const f = load(SAMPLE, undefined, '2026-10-15');
  const byId = kpisById(f.analysis.model);
  const lenses = lensesFor(f.analysis, f.results);
  assert.equal(lenses.length, f.results.length);
  for (const [i, r] of f.results.entries()) {
    const label = unitLabelOf(byId.get(r.id)!);
    const expected = `${r.name} ${formatValue(r.value, label)} · target ${targetText(r, label)} · ${STATUS_LABEL[r.status!]}${r.notes.includes('guardrail-off-track') ? ' · guardrail off track' : ''}`;
    assert.equal(lenses[i]!.title, expected);
  }
  assert.equal(
    lenses.find((l) => l.kpiId === 'nps')!.title,
    'Net Promoter Score 30.4 · target ≥ 40 by 2026-12-31 · at risk',
  );
  assert.equal(
    lenses.find((l) => l.kpiId === 'aht')!.title,
    'Average handle time 5.8 min · target ≤ 7.5 min by 2026-12-31 · met · guardrail off track',
  );
});

test('a value just short of its target never reads as the target, and the target reads as written: 33.33 against ≥ 33.34', () => {
  const f = load(undefined, (t) => t.replace('      value: 50\n', '      value: 33.34\n'));
  // nps = (2 promoters − 1 detractor) / 3 responses × 100 = 33.333…, below 33.34 but above the warning 30.
  assert.equal(
    lensesFor(f.analysis, f.results)[0]!.title,
    'Net Promoter Score 33.33 · target ≥ 33.34 by 2026-06-30 · at risk',
  );
});

test('a target of 33.3 against a value of 33.333…: the value shows the decimal that tells them apart', () => {
  const f = load(undefined, (t) => t.replace('      value: 50\n', '      value: 33.3\n'));
  assert.equal(
    lensesFor(f.analysis, f.results)[0]!.title,
    'Net Promoter Score 33.33 · target ≥ 33.3 by 2026-06-30 · met',
  );
});
