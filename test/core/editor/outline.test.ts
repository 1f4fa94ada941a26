import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { documentSymbols, type OutlineSymbol } from '../../../src/core/editor';
import { lineOf, load } from './kit';

const show = (text: string, s: OutlineSymbol, depth = 0): string[] => [
  `${'  '.repeat(depth)}${s.kind} ${s.name} "${s.detail}" ${lineOf(text, s.range.start)}-${lineOf(text, s.range.end)} sel=${text.slice(s.selectionRange.start, s.selectionRange.end)}`,
  ...s.children.flatMap((c) => show(text, c, depth + 1)),
];

test('the outline: goals, sources and KPIs, each KPI with its parts, ranges containing their selection', () => {
  const f = load();
  const symbols = documentSymbols(f.analysis);
  assert.deepEqual(
    symbols.flatMap((s) => show(f.text, s)),
    [
      'section goals "3" 3-10 sel=goals',
      '  goal grow "Grow revenue" 4-5 sel=grow',
      '  goal retain "Keep customers" 6-8 sel=retain',
      '  goal lonely "A goal nobody measures" 9-10 sel=lonely',
      'section sources "2" 12-17 sel=sources',
      '  source survey "data/survey.csv" 13-15 sel=survey',
      '  source orders "data/orders.csv" 16-17 sel=orders',
      'section kpis "4" 19-62 sel=kpis',
      '  kpi nps "Net Promoter Score" 20-34 sel=nps',
      '    property goals "retain" 24-24 sel=goals',
      '    property filter "channel != "internal"" 26-26 sel=filter',
      '    property formula "pct(`Likely to recommend` >= 9) - pct(`Likely to recommend` <= 6)" 27-27 sel=formula',
      '    property target "" 29-34 sel=target',
      '  kpi responses "Responses" 35-44 sel=responses',
      '    property goals "retain" 38-39 sel=goals',
      '    property guardrails "nps" 40-40 sel=guardrails',
      '    property formula "count()" 42-42 sel=formula',
      '    property target "" 44-44 sel=target',
      '  kpi per_response "NPS per response" 45-50 sel=per_response',
      '    property goals "retain" 47-47 sel=goals',
      '    property formula "nps / responses" 48-48 sel=formula',
      '    property target "" 49-50 sel=target',
      '  kpi revenue "Revenue" 51-62 sel=revenue',
      '    property formula "sum(amount)" 56-56 sel=formula',
      '    property target "" 57-62 sel=target',
    ],
  );
  const check = (s: OutlineSymbol, parent?: OutlineSymbol): void => {
    assert.ok(
      s.range.start <= s.selectionRange.start && s.selectionRange.end <= s.range.end,
      `${s.name}: selection outside range`,
    );
    if (parent)
      assert.ok(
        parent.range.start <= s.range.start && s.range.end <= parent.range.end,
        `${s.name} outside ${parent.name}`,
      );
    s.children.forEach((c) => check(c, s));
  };
  symbols.forEach((s) => check(s));
});

test('the outline of a file that does not parse still lists what was read; an empty file has none', () => {
  const f = load(undefined, (t) =>
    t.replace('    goals: [retain]\n    formula: nps', '    goals: [retain\n    formula: nps'),
  );
  const names = documentSymbols(f.analysis).map((s) => s.name);
  assert.ok(names.includes('goals') && names.includes('sources'), names.join(', '));
  assert.deepEqual(documentSymbols(load(undefined, () => '').analysis), []);
});
