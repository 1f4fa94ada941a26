import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  alignmentOf,
  allGoalNodes,
  summaryText,
  worse,
  type Alignment,
  type GoalNode,
} from '../../../src/core/evaluation/alignment';
import { analyze } from '../../../src/core/checks/analysis';
import { DataCache } from '../../../src/core/data/load';
import { evaluateAnalysis } from '../../../src/core/evaluation/evaluate';
import { fixture, repoRoot } from '../../paths';

/** Fixed, so that statuses and past-due findings do not rot. */
const TODAY = '2026-11-15';

function alignmentOfFile(file: string): { alignment: Alignment; text: string } {
  const text = fs.readFileSync(file, 'utf8');
  const analysis = analyze(text, {
    filePath: file,
    workspaceRoot: path.dirname(file),
    today: TODAY,
    loader: new DataCache(),
  });
  return { alignment: alignmentOf(analysis.model, evaluateAnalysis(analysis)), text };
}

/** The tree as indented lines: `goal [standing] (n KPIs)` and `  - kpi: standing`. */
function outline(a: Alignment): string[] {
  const lines: string[] = [];
  const walk = (n: GoalNode, depth: number): void => {
    const pad = '  '.repeat(depth);
    lines.push(`${pad}${n.id} [${n.standing}] (${n.kpiCount})`);
    for (const c of n.children) walk(c, depth + 1);
    for (const k of n.kpis) lines.push(`${pad}  - ${k.id}: ${k.standing}`);
  };
  a.roots.forEach((r) => walk(r, 0));
  return lines;
}

const samples = path.join(repoRoot, 'samples', 'kpis.yaml');

test('samples: the goal tree, each goal with its children first and then the KPIs that measure it directly', () => {
  const { alignment } = alignmentOfFile(samples);
  assert.deepEqual(outline(alignment), [
    'grow_revenue [off_track] (13)',
    '  retain_customers [off_track] (9)',
    '    delight_customers [off_track] (3)',
    '      - nps: at_risk',
    '      - csat: off_track',
    '      - ces: at_risk',
    '    efficient_support [off_track] (4)',
    '      - fcr: off_track',
    '      - frt: met',
    '      - art: at_risk',
    '      - aht: met',
    '    - churn_rate: off_track',
    '    - retention_rate: at_risk',
    '    - nps: at_risk',
    '  grow_online_sales [met] (1)',
    '    - conversion_rate: met',
    '  - mrr: met',
    '  - arpa: met',
    '  - clv: at_risk',
  ]);
});

test('samples: "Not linked to a goal" lists pages_per_visit, the one misaligned KPI, with its status', () => {
  const { alignment, text } = alignmentOfFile(samples);
  assert.deepEqual(
    alignment.unlinked.map((k) => [k.id, k.name, k.standing, k.reason]),
    [['pages_per_visit', 'Pages per visit', 'off_track', 'no-goals']],
  );
  const k = alignment.unlinked[0]!;
  assert.equal(text.slice(k.range.start, k.range.end), 'pages_per_visit', 'reveals the KPI at its id value');
  assert.equal(k.result?.value !== null, true, 'carries its result');
});

test('samples: the summary counts as the samples README says (5 met, 5 at risk, 4 off track, 1 misaligned)', () => {
  const { alignment } = alignmentOfFile(samples);
  assert.deepEqual(alignment.summary, {
    met: 5,
    atRisk: 5,
    offTrack: 4,
    noData: 0,
    noTarget: 0,
    misaligned: 1,
    total: 14,
  });
  assert.equal(summaryText(alignment.summary), '5 met · 5 at risk · 4 off track · 1 misaligned');
});

test('samples: goal nodes reveal at their id values and carry title and owner', () => {
  const { alignment, text } = alignmentOfFile(samples);
  for (const node of allGoalNodes(alignment)) {
    assert.equal(text.slice(node.range.start, node.range.end), node.id);
  }
  const support = allGoalNodes(alignment).find((n) => n.id === 'efficient_support')!;
  assert.equal(support.title, 'Resolve issues fast, and right the first time');
  assert.equal(support.owner, 'support-lead');
  assert.equal(support.description, 'Speed matters, but never at the price of a second contact.');
});

const edge = fixture('alignment', 'edge.kpis.yaml');

test('edge cases: a loop, a missing parent and a duplicate id put goals at the top, each goal once', () => {
  const { alignment } = alignmentOfFile(edge);
  assert.deepEqual(outline(alignment), [
    'company [off_track] (2)',
    '  sales [off_track] (2)',
    '    - constant_met: met',
    '    - constant_off: off_track',
    '  empty [unmeasured] (0)',
    '  - constant_off: off_track',
    'orphan [no_target] (1)',
    '  - no_target: no_target',
    'loop_a [at_risk] (2)',
    '  tail [at_risk] (1)',
    '    - constant_risk: at_risk',
    '  - no_value: no_data',
    'loop_b [unmeasured] (0)',
  ]);
  const byId = new Map(allGoalNodes(alignment).map((n) => [n.id, n]));
  assert.equal(byId.get('orphan')!.parentMissing, 'nowhere');
  assert.equal(byId.get('loop_a')!.inCycle, true);
  assert.equal(byId.get('loop_b')!.inCycle, true);
  assert.equal(byId.get('tail')!.inCycle, false);
  assert.equal(
    allGoalNodes(alignment).filter((n) => n.id === 'sales').length,
    1,
    'a duplicate goal id shows once (the first)',
  );
});

test('edge cases: KPIs without goals, with an empty list, or naming only unknown goals are not linked to a goal', () => {
  const { alignment } = alignmentOfFile(edge);
  assert.deepEqual(
    alignment.unlinked.map((k) => [k.id, k.reason, k.unknownGoals, k.standing]),
    [
      ['unlinked', 'no-goals', [], 'met'],
      ['unknown_only', 'unknown-goals', ['nonexistent'], 'no_target'],
      ['empty_goals', 'no-goals', [], 'no_target'],
    ],
  );
  assert.deepEqual(alignment.summary, {
    met: 2,
    atRisk: 1,
    offTrack: 1,
    noData: 1,
    noTarget: 3,
    misaligned: 3,
    total: 8,
  });
  assert.equal(summaryText(alignment.summary), '2 met · 1 at risk · 1 off track · 1 no data · 3 misaligned');
});

test('without results every KPI has no target, and the tree is still whole', () => {
  const text = fs.readFileSync(samples, 'utf8');
  const analysis = analyze(text, { filePath: samples, today: TODAY });
  const alignment = alignmentOf(analysis.model, []);
  assert.equal(allGoalNodes(alignment).length, 5);
  assert.ok(
    allGoalNodes(alignment).every((n) => n.kpis.every((k) => k.standing === 'no_target' && k.result === undefined)),
  );
  assert.equal(alignment.summary.noTarget, 14);
});

test('a file without goals or KPIs gives an empty alignment, and a broken file never throws', () => {
  for (const text of ['', 'version: 1\n', 'version: 1\ngoals: [\n', 'kpis:\n  - name: no id\n    goals: [x]\n']) {
    const analysis = analyze(text, { today: TODAY });
    const alignment = alignmentOf(analysis.model, evaluateAnalysis(analysis));
    assert.equal(alignment.roots.length, 0);
    assert.equal(
      summaryText(alignment.summary),
      '0 met · 0 at risk · 0 off track' +
        (alignment.summary.misaligned ? ` · ${alignment.summary.misaligned} misaligned` : ''),
    );
  }
});

test('worse orders standings: off track, at risk, no data, met, no target, unmeasured', () => {
  const order = ['unmeasured', 'no_target', 'met', 'no_data', 'at_risk', 'off_track'] as const;
  for (let i = 0; i < order.length; i++) {
    for (let j = 0; j < order.length; j++) {
      assert.equal(worse(order[i]!, order[j]!), order[Math.max(i, j)]);
    }
  }
});

test('samples: handle time looks fine while its guardrails FCR and CSAT are off track — the alignment names them', () => {
  const { alignment } = alignmentOfFile(samples);
  const kpis = [...allGoalNodes(alignment).flatMap((g) => g.kpis), ...alignment.unlinked];
  const aht = kpis.find((k) => k.id === 'aht')!;
  assert.equal(aht.standing, 'met');
  assert.deepEqual(aht.guardrailsOffTrack, ['fcr', 'csat']);
  // No other sample KPI looks fine while a guardrail is off track.
  for (const k of kpis.filter((k) => k.id !== 'aht')) assert.deepEqual(k.guardrailsOffTrack, [], k.id);
});

test('a KPI that is off track itself names no guardrails, even when they are off track too', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-align-'));
  fs.writeFileSync(path.join(dir, 't.csv'), 'a,b\n1,1\n2,1\n');
  const file = path.join(dir, 'kpis.yaml');
  fs.writeFileSync(
    file,
    [
      'version: 1',
      'goals: [{ id: g, title: G }]',
      'sources: { t: { path: t.csv } }',
      'kpis:',
      '  - { id: a, name: A, goals: [g], guardrails: [b], source: t, formula: avg(a), target: { value: 10, due: 2027-01-01 } }',
      '  - { id: b, name: B, goals: [g], source: t, formula: avg(b), target: { value: 10, due: 2027-01-01 } }',
      '  - { id: c, name: C, goals: [g], guardrails: [b], source: t, formula: avg(a), target: { value: 1, due: 2027-01-01 } }',
      '',
    ].join('\n'),
  );
  const { alignment } = alignmentOfFile(file);
  const byId = new Map(alignment.roots[0]!.kpis.map((k) => [k.id, k]));
  assert.equal(byId.get('a')!.standing, 'off_track');
  assert.deepEqual(byId.get('a')!.guardrailsOffTrack, []);
  assert.equal(byId.get('c')!.standing, 'met');
  assert.deepEqual(byId.get('c')!.guardrailsOffTrack, ['b']);
});
