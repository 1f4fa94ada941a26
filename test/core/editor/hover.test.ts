import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { hoverAt } from '../../../src/core/editor';
import { formatValue } from '../../../src/core/presentation/number';
import { sparkline } from '../../../src/core/presentation/sparkline';
import { STATUS_LABEL, unitLabelOf } from '../../../src/core/presentation/resultText';
import { kpisById } from '../../../src/core/model/lookup';
import { load, SAMPLE, type Loaded } from './kit';
import { fixture } from '../../paths';

const hover = (f: Loaded, needle: string, delta = 0, maxRows = 5, occurrence = 1): string => {
  const h = hoverAt(f.analysis, f.results, f.at(needle, delta, occurrence), { maxRows });
  assert.ok(h, `no hover at ${JSON.stringify(needle)}+${delta}`);
  return h.markdown;
};

const has = (text: string, ...parts: string[]): void => {
  for (const p of parts) assert.ok(text.includes(p), `hover lacks ${JSON.stringify(p)}:\n${text}`);
};

test('KPI hover over the id: everything SPEC 7 lists, numbers checked by hand', () => {
  const f = load();
  const text = hover(f, '- id: nps', 7);
  // NPS by month (filter drops the internal row): Jan (10, 9, 5, 7) 50 − 25 = 25; Feb (10, 10, 9, 3, 8) 60 − 20 = 40;
  // Mar (10, 9, 2) 66.7 − 33.3 = 33.3. Progress (33.33 − 20) / (50 − 20) = 44.4%.
  has(text, '**Net Promoter Score** `nps` · score', 'Promoters minus detractors.');
  has(
    text,
    '```text\npct(`Likely to recommend` >= 9) - pct(`Likely to recommend` <= 6)\n```',
    'Rows where `channel != "internal"`',
  );
  has(
    text,
    '**33.3** in 2026-03',
    'target ≥ 50 by 2026-06-30',
    '**at risk**',
    'Baseline 20 on 2025-12-31 · progress 44.4% · at risk from 30',
  );
  has(text, 'Benchmark 35 (industry): behind it');
  // 33.3 in March against 40 in February: down 6.7, the wrong way for a target to increase; no March 2025.
  has(text, 'at risk from 30  \n▼ 6.7 vs 2026-02 (worse)  \nTrend');
  assert.ok(!text.includes('a year ago'), 'no year-ago month in the data');
  // Sparkline of 25, 40, 33.3: lowest ▁, highest █, (33.3 − 25) / 15 × 7 = 3.9 → the fifth bar ▅.
  has(text, 'Trend 2026-01 → 2026-03: `▁█▅` low 25, high 40');
  // Least squares through (0, 25), (31, 40), (59, 33.33): slope 256.67 / 1742 per day; at 2026-06-30 (day 180):
  // 32.78 + 0.14734 × 150 = 54.9 ≥ 50.
  has(text, 'Pace: on this trend 54.9 by 2026-06-30, which reaches the target');
  has(text, 'Goal: Keep customers `retain`');
  assert.ok(!text.includes('Guardrails'), 'nps has no guardrails');
  assert.ok(!text.includes('⚠'), 'nps is linked to a goal');
});

test('KPI hover over the name, and over a reference in a derived formula or in guardrails, is the same hover', () => {
  const f = load();
  const byId = hover(f, '- id: nps', 7);
  assert.equal(hover(f, 'name: Net Promoter Score', 10), byId);
  assert.equal(hover(f, 'nps / responses', 1), byId);
  assert.equal(hover(f, 'guardrails: [nps]', 14), byId);
});

test('KPI hover: guardrails with their statuses, a count without decimals, pace that falls short', () => {
  const f = load();
  const text = hover(f, '- id: responses', 7);
  has(text, '**3** in 2026-03', 'target ≥ 5 by 2026-06-30', '**off track**');
  has(text, 'Guardrails: Net Promoter Score `nps` 33.3 · at risk');
  has(text, 'which falls short of the target');
  has(text, 'Goal: Keep customers `retain`');
});

test('KPI hover without grain: over all rows, no trend, no pace, and a plain warning when linked to no goal', () => {
  const f = load();
  const text = hover(f, '- id: revenue', 7);
  has(
    text,
    '**300.5 EUR** over all rows',
    'target ≥ 1,000 EUR',
    '**off track**',
    'Baseline 250 EUR on 2026-01-31 · progress 6.7%',
  );
  has(text, '⚠ Linked to no goal: it measures nothing the business set out to do.');
  assert.ok(!text.includes('Trend') && !text.includes('Pace'), text);
});

test('KPI hover of a derived KPI without a due date says pace needs one', () => {
  const f = load();
  const text = hover(f, '- id: per_response', 7);
  // 33.33 / 3 = 11.1, met against ≥ 10.
  has(text, '**11.1** in 2026-03', 'target ≥ 10', '**met**', 'Pace: the target has no due date');
});

test('KPI hover says why a KPI could not be computed', () => {
  const f = load(undefined, (t) => t.replace('formula: count()', 'formula: count(nosuch > 1)'));
  const text = hover(f, '- id: responses', 7);
  has(text, '**Not computed**: its formula has errors.', 'The source has no column nosuch', '(unknown-column)');
  const derived = hover(f, '- id: per_response', 7);
  has(derived, '**Not computed**: it uses "responses", which could not be computed.');
  has(hover(f, '- id: nps', 7), '**33.3**');
});

test('KPI hover values match the results on the sample file (fixed today)', () => {
  const f = load(SAMPLE, undefined, '2026-10-15');
  const byId = kpisById(f.analysis.model);
  for (const r of f.results) {
    const kpi = byId.get(r.id)!;
    const text = hover(f, `- id: ${r.id}\n`, 7);
    const label = unitLabelOf(kpi);
    has(text, `**${formatValue(r.value, label)}** in ${r.period}`);
    if (r.status) has(text, `**${STATUS_LABEL[r.status]}**`);
    if (r.series && r.series.length > 1)
      has(
        text,
        sparkline(
          r.series.slice(-12).map((e) => e.value),
          12,
        ),
      );
    if (r.pace) has(text, formatValue(r.pace.value, label), r.pace.reaches ? 'reaches the target' : 'falls short');
    if (r.notes.includes('guardrail-off-track')) has(text, 'one of its guardrails is off track');
  }
  // Hand-checked against `kpi-lens eval samples/kpis.yaml --today 2026-10-15`.
  has(
    hover(f, '- id: aht\n', 7),
    '**5.8 min** in 2026-10',
    '**met**',
    'Guardrails: First-contact resolution `fcr` 63.0% · off track; Customer satisfaction (CSAT) `csat` 75.8% · off track',
  );
  has(hover(f, '- id: pages_per_visit\n', 7), '⚠ Linked to no goal');
});

test('column hover: type, counts, range or distinct values, and up to maxRows examples', () => {
  const f = load();
  const score = hover(f, '`Likely to recommend` >= 9', 3);
  has(
    score,
    '**`Likely to recommend`** · number column of source `survey` (data/survey.csv)',
    '13 values · 0 null',
    'min `2` · max `10`',
    'e.g. `10`, `9`, `5`, `7`, `3`',
  );
  const two = hover(f, '`Likely to recommend` >= 9', 3, 2);
  has(two, 'e.g. `10`, `9`');
  assert.ok(!two.includes('`5`'), 'maxRows 2 shows two examples');
  const comment = load(undefined, (t) => t.replace('filter: channel != "internal"', 'filter: comment != null'));
  has(
    hover(comment, 'comment != null', 2),
    'string column',
    '6 values · 7 null',
    '6 distinct values',
    'e.g. `great`, `good`, `slow`, `love it`, `broken`',
  );
  has(hover(f, 'time: submitted_at', 8), 'date column', 'min `2026-01-05` · max `2026-03-30`');
  has(hover(f, 'sum(amount)', 5), '2 values · 1 null', 'min `100.5` · max `200`');
  assert.ok(!hover(f, 'sum(amount)', 5, 0).includes('e.g.'), 'maxRows 0 shows no examples');
});

test('function hover: signature and meaning', () => {
  const f = load();
  const pct = hover(f, 'pct(`Likely', 1);
  has(pct, '```text\npct(P)\n```', 'Percentage (0 to 100) of rows where the condition P is true.', 'Aggregate');
  has(hover(f, 'sum(amount)', 1), 'sum(x [where P])', 'optional trailing `where P`');
});

test('a hover over a function, a column or a source evaluates nothing; over a KPI or a goal it evaluates once', () => {
  const f = load();
  let calls = 0;
  const results = () => {
    calls++;
    return f.results;
  };
  for (const [needle, delta] of [
    ['pct(`Likely', 1],
    ['`Likely to recommend` >= 9', 3],
    ['time: submitted_at', 8],
    ['source: survey', 9],
  ] as const) {
    assert.ok(hoverAt(f.analysis, results, f.at(needle, delta), { maxRows: 5 }), needle);
  }
  assert.equal(calls, 0, 'no evaluation for a function, column or source hover');
  assert.equal(hoverAt(f.analysis, results, f.at('- id: nps', 7), { maxRows: 5 })!.markdown, hover(f, '- id: nps', 7));
  assert.equal(calls, 1);
  assert.ok(
    hoverAt(f.analysis, results, f.at('id: retain', 5), { maxRows: 5 })!.markdown.includes('Measured by 3 KPIs'),
  );
  assert.equal(calls, 2);
});

test('goal hover: parent, children, the KPIs that measure it with their statuses', () => {
  const f = load();
  const retain = hover(f, 'id: retain', 5);
  has(retain, '**Keep customers** `retain`', 'Parent: Grow revenue `grow`', 'Measured by 3 KPIs:');
  has(
    retain,
    '- Net Promoter Score `nps`: 33.3 · at risk',
    '- Responses `responses`: 3 · off track',
    '- NPS per response `per_response`: 11.1 · met',
  );
  assert.equal(hover(f, 'goals: [retain]', 9), retain, 'a reference shows the same hover');
  has(
    hover(f, 'id: grow', 5),
    'Children: Keep customers `retain`',
    'Through its child goals: `nps`, `responses`, `per_response`',
  );
  has(hover(f, 'id: lonely', 5), '⚠ No KPI measures this goal');
  const unknown = load(undefined, (t) =>
    t.replace('goals: [retain]\n    source: survey', 'goals: [retian]\n    source: survey'),
  );
  has(hover(unknown, 'goals: [retian]', 9), 'No goal has the id `retian`.');
});

test('source hover: path, rows, columns and the KPIs using it', () => {
  const f = load();
  has(
    hover(f, '  survey:', 3),
    '**`survey`** · data/survey.csv · csv · time `submitted_at`',
    '13 rows',
    '`Likely to recommend` number',
    'Used by `nps`, `responses`',
  );
});

test('no hover on plain text, keys or comments', () => {
  const f = load();
  for (const [needle, delta] of [
    ['title: Grow revenue', 9],
    ['version: 1', 2],
    ['    unit: score', 5],
  ] as const) {
    assert.equal(hoverAt(f.analysis, f.results, f.at(needle, delta), { maxRows: 5 }), undefined, needle);
  }
});

test('user text in hovers is escaped: no markup from names or descriptions', () => {
  const f = load(undefined, (t) => t.replace('Promoters minus detractors.', '"*bold* [link](x) <b>html</b> | pipe"'));
  has(hover(f, '- id: nps', 7), '\\*bold\\* \\[link\\](x) \\<b\\>html\\</b\\> \\| pipe');
});

test('KPI hover: the moves against the month before and a year before, judged for the target, and an unusual change with its numbers', () => {
  const f = load(fixture('evaluation', 'unusual.kpis.yaml'), undefined, '2025-10-15');
  const orders = hover(f, '- id: orders', 7);
  has(
    orders,
    '**20** in 2025-09 · target ≥ 10 by 2025-12-31 · **met**  \n▲ 14 vs 2025-08 (better)  \n',
    'Note: An unusual change in the last period: change +14 vs a mean of +0.14 (sd 0.99) over 7 earlier changes: 14.0 sd above.',
  );
  // The average order falls 105 → 104 EUR: better for a target to decrease, and an ordinary change.
  const value = hover(f, '- id: order_value', 7);
  has(value, '▼ 1 EUR vs 2025-08 (better)');
  assert.ok(!value.includes('Note:'), value);
  // Without a target a move is neither better nor worse; without a grain there is none.
  const noTarget = load(fixture('evaluation', 'unusual.kpis.yaml'), (t) =>
    t.replace('    target: { value: 10, due: 2025-12-31 }\n', ''),
  );
  has(hover(noTarget, '- id: orders', 7), '*no target*  \n▲ 14 vs 2025-08  \n');
  assert.ok(!hover(f, '- id: all_orders', 7).includes(' vs '), 'no grain: nothing to compare');
});

test('KPI hover on the samples: both moves, with the year-ago one against the same month of 2025', () => {
  const f = load(SAMPLE, undefined, '2026-11-15');
  const text = hover(f, '- id: nps', 7);
  const nps = f.results.find((r) => r.id === 'nps')!;
  assert.equal(nps.year_ago?.period, '2025-10');
  has(
    text,
    `▼ ${formatValue(-nps.previous!.delta!, { unit: 'score' })} vs 2026-09 (worse) · ▼ ${formatValue(-nps.year_ago!.delta!, { unit: 'score' })} vs a year ago (worse)`,
  );
});

test('KPI hover with a breakdown: a line per column, each group with its value, status against the target and move', () => {
  const f = load(fixture('breakdown', 'kpis.yaml'), undefined, '2026-04-15');
  const text = hover(f, '- id: satisfied', 7);
  // data/tickets.csv in 2024-03 (the KPI's last month), pct(score >= 8) per channel: chat 9 2 2 8 1 3 8 9 → 4 of 8
  // = 50%; email 10 → 100%; phone 7 → 0%; web 0 7 → 0%; (null) 9 → 100%. In 2024-02: chat 1 of 6 (16.7%), email
  // 2 of 8 (25%), phone 2 of 9 (22.2%), web 0 of 6, (null) 1 of 6 (16.7%). Target 30 with a warning at 25.
  // Groups by rows over all months: chat 478, (null) 275, phone 244, email 241, web 236.
  has(
    text,
    '**met**  \nBaseline',
    'Pace: on this trend 22.8% by 2099-12-31, which falls short of the target  \n' +
      'By channel, moves vs 2024-02: **chat** 50% (met) ▲ 33.3% · **(null)** 100% (met) ▲ 83.3% · ' +
      '**phone** 0% (off track) ▼ 22.2% · **email** 100% (met) ▲ 75% · **web** 0% (off track) =  \n' +
      'By region, moves vs 2024-02: **north** 50% (met) ▲ 21.4% · **south** no data · ',
  );
  // mid has rows in 2024-03 but none in 2024-02: no move; the groups past the tenth come as (other).
  has(text, '**mid** 0% (off track) · **(other)** no data  \nGoal:');
  // Without a grain: each group's value over all its rows (a count: its rows), and no moves.
  has(
    hover(f, '- id: tickets', 7),
    'By vip: **false** 763 (off track) · **(null)** 388 (off track) · **true** 354 (off track)  \n' +
      'By tier: **2** 487 (off track) · **2.5** 257 (off track) · **3** 257 (off track) · **1** 256 (off track) · **(null)** 248 (off track)',
  );
  assert.ok(!hover(f, '- id: phone_amount', 7).includes('By '), 'no breakdown: no such line');
});

test('KPI hover with a breakdown: group names from the data are escaped', () => {
  const evil = load(fixture('breakdown', 'kpis.yaml'));
  const r = evil.results.find((x) => x.id === 'tickets')!;
  r.breakdowns![0]!.groups[0]!.group = '*x* <b>|';
  assert.match(hover(evil, '- id: tickets', 7), /By vip: \*\*\\\*x\\\* \\<b\\>\\\|\*\* 763/);
});
