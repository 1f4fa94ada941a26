// `kpi-lens eval` with breakdowns, as a process, on test/fixtures/breakdown: JSON, CSV,
// Markdown and the table carry the groups; --by adds columns; a --by column a source lacks
// is a note on stderr.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { fixture } from '../paths';
import { runCli, show } from './run';

const DIR = fixture('breakdown');
const TODAY = ['--today', '2026-12-03'];

interface JsonGroup {
  group: string;
  kind: string;
  rows: number;
  value: number | null;
  status: string | null;
  series?: { period: string; start: string; value: number | null }[];
  previous?: { period: string } | null;
  year_ago?: { period: string } | null;
  notes: string[];
}

interface JsonKpi {
  id: string;
  value: number | null;
  series?: unknown[];
  breakdowns?: Record<string, JsonGroup[]>;
  [key: string]: unknown;
}

function evalJson(args: string[]): { kpis: JsonKpi[]; stderr: string } {
  const r = runCli(DIR, ['eval', '--format', 'json', ...TODAY, ...args]);
  assert.equal(r.status, 0, show(r));
  return { kpis: (JSON.parse(r.stdout) as { kpis: JsonKpi[] }).kpis, stderr: r.stderr };
}

test('json: breakdowns keyed by column in the order listed, beside series; each group with its fields', () => {
  const { kpis } = evalJson([]);
  const satisfied = kpis.find((k) => k.id === 'satisfied')!;
  assert.deepEqual(Object.keys(satisfied.breakdowns!), ['channel', 'region']);
  const keys = Object.keys(satisfied);
  assert.deepEqual(keys.slice(keys.indexOf('series'), keys.indexOf('series') + 5), [
    'series',
    'previous',
    'year_ago',
    'unusual_change',
    'breakdowns',
  ]);
  const chat = satisfied.breakdowns!['channel']!.find((g) => g.group === 'chat')!;
  assert.deepEqual(Object.keys(chat), [
    'group',
    'kind',
    'rows',
    'value',
    'status',
    'series',
    'previous',
    'year_ago',
    'notes',
  ]);
  assert.equal(chat.previous?.period, '2024-02');
  assert.equal(chat.year_ago?.period, '2023-03');
  const regions = satisfied.breakdowns!['region']!;
  assert.equal(regions.length, 11);
  assert.deepEqual(regions.at(-1)!.group, '(other)');
  assert.equal(regions.at(-1)!.kind, 'other');
  // Without a grain: no series or comparisons on the groups.
  const tickets = kpis.find((k) => k.id === 'tickets')!;
  assert.deepEqual(Object.keys(tickets.breakdowns!), ['vip', 'tier', 'signup']);
  assert.deepEqual(Object.keys(tickets.breakdowns!['vip']![0]!), ['group', 'kind', 'rows', 'value', 'status', 'notes']);
  // A KPI without a breakdown, and a derived one, have no breakdowns key.
  assert.equal('breakdowns' in kpis.find((k) => k.id === 'phone_amount')!, false);
  assert.equal('breakdowns' in kpis.find((k) => k.id === 'doubled')!, false);
});

test('--by COLUMN, repeated: every sourced KPI returned, after its own columns; a derived KPI never', () => {
  const { kpis, stderr } = evalJson(['--by', 'region', '--by', 'vip', '--kpi', 'tickets', '--kpi', 'doubled']);
  assert.deepEqual(
    kpis.map((k) => k.id),
    ['tickets', 'doubled'],
  );
  assert.deepEqual(Object.keys(kpis[0]!.breakdowns!), ['vip', 'tier', 'signup', 'region']);
  assert.equal('breakdowns' in kpis[1]!, false);
  assert.doesNotMatch(stderr, /--by/);
});

test('--by a column the source lacks: a note on stderr with a did-you-mean, exit 0, stdout one JSON document', () => {
  const { kpis, stderr } = evalJson(['--by', 'regoin', '--kpi', 'phone_amount']);
  assert.match(
    stderr,
    /^kpi-lens: --by regoin: source "tickets" has no column "regoin", so KPI "phone_amount" is not broken down by it\. Did you mean "region"\?$/m,
  );
  assert.deepEqual(kpis[0]!.breakdowns, {});
  const r = runCli(DIR, ['eval', '--by', '', ...TODAY]);
  assert.equal(r.status, 2, show(r));
  assert.match(r.stderr, /--by needs the name of a column/);
});

test('csv: the KPI columns as before, four group columns, one row per group after its KPI', () => {
  const plain = runCli(DIR, ['eval', '--format', 'csv', '--kpi', 'phone_amount', ...TODAY]);
  const by = runCli(DIR, ['eval', '--format', 'csv', '--kpi', 'phone_amount', '--by', 'channel', ...TODAY]);
  assert.equal(plain.status, 0, show(plain));
  const [plainHeader, plainRow] = plain.stdout.split('\r\n');
  const [header, kpiRow, group, end] = by.stdout.split('\r\n');
  assert.equal(header, `${plainHeader},breakdown,group,group_kind,group_rows`);
  assert.equal(kpiRow, `${plainRow},,,,`);
  assert.equal(end, '');
  const cells = group!.split(',');
  const column = (name: string): string => cells[header!.split(',').indexOf(name)]!;
  assert.equal(column('id'), 'phone_amount');
  assert.equal(column('breakdown'), 'channel');
  assert.equal(column('group'), 'phone');
  assert.equal(column('group_kind'), 'value');
  // The filter keeps phone rows only: the one group is the KPI itself, without progress or pace.
  assert.equal(column('value'), plainRow!.split(',')[4]);
  assert.equal(column('previous_period'), '2024-W08');
  assert.equal(column('progress'), '');
  assert.equal(column('pace'), '');
  // A file without breakdowns has exactly the columns it always had.
  const none = runCli(fixture('cli', 'clean'), ['eval', '--format', 'csv', ...TODAY]);
  assert.doesNotMatch(none.stdout.split('\r\n')[0]!, /breakdown/);
});

test('markdown and the table: each group on its own indented row under its KPI, with its rows', () => {
  const md = runCli(DIR, ['eval', '--format', 'markdown', '--kpi', 'tickets', '--by', 'region', ...TODAY]);
  assert.equal(md.status, 0, show(md));
  const lines = md.stdout.trimEnd().split('\n');
  assert.match(lines[2]!, /^\| Tickets \(`tickets`\) \|/);
  assert.match(lines[3]!, /^\| &emsp;vip = false \(\d+ rows\) \| \| \d+ \|/);
  assert.ok(lines.includes('| &emsp;region = north (300 rows) | | 300 |  | | off track | |  |  |'), md.stdout);
  assert.match(lines.at(-1)!, /^\| &emsp;region = \(other\) \(105 rows\) \| \| 105 \|/);
  const table = runCli(DIR, ['eval', '--kpi', 'satisfied', ...TODAY]);
  assert.equal(table.status, 0, show(table));
  const rows = table.stdout.split('\n');
  assert.match(rows[2]!, /^Satisfied tickets \[satisfied\]\s+2024-03/);
  assert.match(rows[3]!, /^ {2}channel = chat \(\d+ rows\)\s+\d/);
  assert.ok(rows.some((r) => /^ {2}region = \(null\) \(\d+ rows\)/.test(r)));
  assert.ok(rows.some((r) => /^ {2}region = \(other\) \(\d+ rows\)/.test(r)));
});
