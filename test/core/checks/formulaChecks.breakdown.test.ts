// The checks of `breakdown:` on test/fixtures/breakdown/errors.kpis.yaml: a column the source
// lacks is unknown-column at that entry with a did-you-mean fix; a breakdown on a derived KPI,
// or a column named twice, is a schema error in plain words.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateAnalysis } from '../../../src/core/evaluation/evaluate';
import { analyzeText } from './rules/kit';
import { expectAt } from './rules/kit';
import { analyzeBreakdownFile } from '../evaluation/breakdownFixture';
import { fixture } from '../../paths';

const analysis = analyzeBreakdownFile('errors.kpis.yaml');

test('a breakdown column the source lacks: unknown-column at that entry, with a did-you-mean fix', () => {
  const f = expectAt(analysis, 'unknown-column', 'regoin', 'breakdown', { kpi: 'tickets' });
  assert.equal(f.message, 'The breakdown column "regoin" is not a column of source "tickets". Did you mean "region"?');
  assert.deepEqual(
    f.fixes?.map((x) => [x.title, x.edits[0]!.newText]),
    [['Change to "region"', 'region']],
  );
  assert.equal(analysis.findings.filter((x) => x.rule === 'unknown-column').length, 1, 'channel is a column');
  // The KPI is still computed, broken down by the column that exists.
  const [tickets] = evaluateAnalysis(analysis, { only: new Set(['tickets']) });
  assert.equal(tickets!.failure, undefined);
  assert.deepEqual(
    tickets!.breakdowns!.map((b) => b.column),
    ['channel'],
  );
});

test('a name that is not a plain word is quoted in the fix', () => {
  const text = analysis.text.replace('[channel, regoin]', '[channel, "Regio n"]');
  const file = fixture('breakdown', 'errors.kpis.yaml');
  const a = analyzeText(text, file, { workspaceRoot: fixture('breakdown') });
  const f = expectAt(a, 'unknown-column', '"Regio n"', 'breakdown');
  assert.equal(f.fixes?.[0]?.edits[0]?.newText, 'region');
});

test('a breakdown on a derived KPI: a schema error at the key, in plain words', () => {
  const f = expectAt(analysis, 'schema', 'breakdown', 'id: doubled', { kpi: 'doubled' });
  assert.equal(
    f.message,
    'KPI "doubled" has a breakdown but no source. A breakdown splits the rows of a source by a column, ' +
      'and a KPI without a source (derived from other KPIs) has no rows: add "source:" or remove the breakdown.',
  );
});

test('a column named twice: a schema error at the second entry', () => {
  const text = analysis.text.replace('[channel, regoin]', '[channel, region, channel]');
  const a = analyzeText(text, fixture('breakdown', 'errors.kpis.yaml'), { workspaceRoot: fixture('breakdown') });
  const f = expectAt(a, 'schema', 'channel', 'region, ');
  assert.equal(f.message, 'KPI "tickets" lists the breakdown column "channel" twice; name each only once.');
});
