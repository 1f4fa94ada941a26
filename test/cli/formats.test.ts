// `kpi-lens check --format text|json|github|sarif` as a process (SPEC 6), and the colour
// path through the exported main().
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv';
import { main } from '../../src/cli/main';
import type { Io } from '../../src/cli/check';
import { colours, paintFor, plain } from '../../src/cli/paint';
import { DataCache } from '../../src/core/data/load';
import { RULES } from '../../src/core/checks/rules';
import { fixture } from '../paths';
import { ANSI, runCli, show } from './run';

const TODAY = ['--today', '2026-01-15'];

interface JsonDiagnostic {
  file: string;
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  kpi?: string;
}

interface JsonReport {
  diagnostics: JsonDiagnostic[];
  summary: { errors: number; warnings: number; infos: number };
}

function jsonOf(cwd: string, args: string[]): JsonReport {
  const r = runCli(cwd, ['check', '--format', 'json', ...args]);
  assert.ok(r.status === 0 || r.status === 1, show(r));
  return JSON.parse(r.stdout) as JsonReport;
}

/** 1-based line and UTF-16 column of the first `needle` at or after `after` in a fixture. */
function positionIn(file: string, needle: string, after = ''): { line: number; column: number } {
  const text = fs.readFileSync(file, 'utf8');
  const at = text.indexOf(needle, text.indexOf(after));
  assert.ok(at >= 0);
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

// -- text --

test('text: `file:line:col: severity: message [rule]` lines and a summary line, no colour in a pipe', () => {
  const r = runCli('warnings', ['check', ...TODAY]);
  assert.equal(r.status, 0, show(r));
  assert.ok(!ANSI.test(r.stdout), 'no ANSI codes when stdout is not a TTY');
  const lines = r.stdout.split('\n');
  assert.equal(lines.pop(), '', 'ends with a newline');
  assert.equal(lines.length, 3);
  assert.equal(
    lines[1],
    'kpis.yaml:13:9: warning: KPI "aht" is linked to no goal: it measures nothing the business set out to do. Link it to one of: retain_customers. [no-goal]',
  );
  assert.match(lines[0]!, /^kpis\.yaml:12:5: warning: The target of KPI "nps" has no due date.* \[target-no-due\]$/);
  for (const line of lines.slice(0, -1)) assert.match(line, /^[^:]+:\d+:\d+: (error|warning|info): .+ \[[a-z-]+\]$/);
  assert.equal(lines[2], '⚠ 2 problems (0 errors, 2 warnings, 0 infos)');
});

test('text: findings are in file order, errors and infos spelled out', () => {
  const r = runCli('errors', ['check', ...TODAY]);
  assert.deepEqual(
    r.stdout.split('\n').map((l) => l.replace(/: .*\[/, ': … [')),
    [
      'kpis.yaml:4:9: … [goal-without-kpi]',
      'kpis.yaml:10:13: … [unknown-goal]',
      '✖ 2 problems (1 error, 1 warning, 0 infos)',
      '',
    ],
  );
  const infos = runCli('clean', ['check', '--today', '2100-01-01']);
  assert.match(infos.stdout, /^kpis\.yaml:\d+:\d+: info: .*\[target-past-due\]$/m);
  assert.match(infos.stdout, /3 problems \(0 errors, 0 warnings, 3 infos\)\n$/);
});

test('text: NO_COLOR keeps the output plain', () => {
  const r = runCli('errors', ['check', ...TODAY], { NO_COLOR: '1' });
  assert.ok(!ANSI.test(r.stdout + r.stderr));
});

async function captureMain(
  args: string[],
  cwd: string,
  paint = plain,
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    cwd,
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    paint,
    loader: new DataCache(),
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

test('text: colour on a TTY (main() with the colour paint); the same words without it', async () => {
  const cwd = fixture('cli', 'errors');
  const coloured = await captureMain(['check', ...TODAY], cwd, colours);
  const uncoloured = await captureMain(['check', ...TODAY], cwd, plain);
  assert.equal(coloured.code, 1);
  assert.ok(ANSI.test(coloured.stdout), 'colour codes on a TTY');
  // eslint-disable-next-line no-control-regex -- the colour codes are what this test reads
  assert.match(coloured.stdout, /\u001b\[31merror\u001b\[39m/, 'errors in red');
  // eslint-disable-next-line no-control-regex -- as above
  assert.match(coloured.stdout, /\u001b\[33mwarning\u001b\[39m/, 'warnings in yellow');
  // eslint-disable-next-line no-control-regex
  assert.equal(coloured.stdout.replace(/\u001b\[\d+m/g, ''), uncoloured.stdout);
  assert.ok(!ANSI.test(uncoloured.stdout));
  // the process output matches main()'s own
  assert.equal(runCli('errors', ['check', ...TODAY]).stdout, uncoloured.stdout);
});

test('paintFor: colour only for a TTY with NO_COLOR unset or empty', () => {
  const tty = { isTTY: true } as NodeJS.WriteStream;
  const pipe = { isTTY: false } as NodeJS.WriteStream;
  assert.equal(paintFor(tty, {}), colours);
  assert.equal(paintFor(tty, { NO_COLOR: '' }), colours, 'https://no-color.org: an empty NO_COLOR is unset');
  assert.equal(paintFor(tty, { NO_COLOR: '1' }), plain);
  assert.equal(paintFor(pipe, {}), plain);
});

// -- json --

test('json: exactly one JSON document with the SPEC 6 shape on stdout, nothing on stderr', () => {
  const r = runCli('errors', ['check', '--format', 'json', ...TODAY]);
  assert.equal(r.status, 1, show(r));
  assert.equal(r.stderr, '');
  const report = JSON.parse(r.stdout) as JsonReport;
  assert.deepEqual(Object.keys(report).sort(), ['diagnostics', 'summary']);
  assert.deepEqual(report.summary, { errors: 1, warnings: 1, infos: 0 });
  const file = fixture('cli', 'errors', 'kpis.yaml');
  const goal = positionIn(file, 'retain_custmers');
  assert.deepEqual(report.diagnostics[1], {
    file: 'kpis.yaml',
    rule: 'unknown-goal',
    severity: 'error',
    message: 'KPI "nps" names the goal "retain_custmers", which does not exist. Did you mean "retain_customers"?',
    line: goal.line,
    column: goal.column,
    endLine: goal.line,
    endColumn: goal.column + 'retain_custmers'.length,
    kpi: 'nps',
  });
  assert.deepEqual(report.diagnostics[0], {
    file: 'kpis.yaml',
    rule: 'goal-without-kpi',
    severity: 'warning',
    message: report.diagnostics[0]!.message,
    line: 4,
    column: 9,
    endLine: 4,
    endColumn: 9 + 'retain_customers'.length,
  });
  assert.ok(!('kpi' in report.diagnostics[0]!), 'a finding about a goal names no kpi');
});

test('json: a clean file is an empty list and zero counts', () => {
  const r = runCli('clean', ['check', '--format', 'json', ...TODAY]);
  assert.equal(r.status, 0, show(r));
  assert.deepEqual(JSON.parse(r.stdout), { diagnostics: [], summary: { errors: 0, warnings: 0, infos: 0 } });
});

test('json: columns count UTF-16 code units after "é", "—", "☕" and an emoji on the same line', () => {
  const file = fixture('cli', 'unicode', 'kpis.yaml');
  const text = fs.readFileSync(file, 'utf8');
  const line = text.split('\n')[7]!;
  assert.ok(line.includes('😀') && line.includes('é'));
  const report = jsonOf('unicode', TODAY);
  const f = report.diagnostics.find((d) => d.rule === 'unknown-goal')!;
  const col = line.indexOf('retain_custmers') + 1;
  // in code points or in UTF-8 bytes the column would differ
  assert.notEqual(col, [...line.slice(0, col - 1)].length + 1);
  assert.notEqual(col, Buffer.byteLength(line.slice(0, col - 1)) + 1);
  assert.deepEqual(
    { line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn, kpi: f.kpi },
    { line: 8, column: col, endLine: 8, endColumn: col + 'retain_custmers'.length, kpi: 'nps' },
  );
  const range = report.diagnostics.find((d) => d.rule === 'target-out-of-range')!;
  assert.deepEqual(
    { line: range.line, column: range.column, endColumn: range.endColumn, kpi: range.kpi },
    { ...positionIn(file, '150'), endColumn: positionIn(file, '150').column + 3, kpi: 'csat' },
  );
});

test('json: every file of several, each diagnostic naming its file', () => {
  const report = jsonOf('multi', ['sub/team.kpis.yaml', 'kpis.yaml', ...TODAY]);
  assert.deepEqual([...new Set(report.diagnostics.map((d) => d.file))], ['sub/team.kpis.yaml', 'kpis.yaml']);
  assert.deepEqual(report.summary, { errors: 1, warnings: 3, infos: 0 });
  for (const d of report.diagnostics) {
    assert.ok(d.line >= 1 && d.column >= 1 && d.endLine >= d.line);
    if (d.endLine === d.line) assert.ok(d.endColumn > d.column, 'a range is never empty');
  }
});

test('json: file paths are relative to the working directory, however FILE is written (SPEC 8.9)', () => {
  const absolute = fixture('cli', 'multi', 'sub', 'team.kpis.yaml');
  const fromParent = jsonOf('.', ['multi/kpis.yaml', absolute, ...TODAY]);
  assert.deepEqual(
    [...new Set(fromParent.diagnostics.map((d) => d.file))],
    ['multi/kpis.yaml', 'multi/sub/team.kpis.yaml'],
  );
  const fromSub = jsonOf(path.join('multi', 'sub'), ['../kpis.yaml', 'team.kpis.yaml', ...TODAY]);
  assert.deepEqual([...new Set(fromSub.diagnostics.map((d) => d.file))], ['../kpis.yaml', 'team.kpis.yaml']);
});

test('json: a finding spanning lines ends at its exclusive end column', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-lens-json-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  // a flow list over two lines: no-guardrail is reported at it
  fs.writeFileSync(
    path.join(dir, 'kpis.yaml'),
    'version: 1\ngoals:\n  - id: g\n    title: G\nkpis:\n  - id: aht\n    name: AHT\n    unit: duration\n    goals: [g]\n    guardrails: ' +
      '[\n      ]\n    formula: "6"\n    target: { value: 5, direction: decrease, due: 2099-12-31, baseline: { value: 6, as_of: 2025-12-31 } }\n',
  );
  const report = jsonOf(dir, TODAY);
  const f = report.diagnostics.find((d) => d.rule === 'no-guardrail');
  assert.ok(f, JSON.stringify(report));
  assert.deepEqual([f.line, f.column, f.endLine, f.endColumn], [10, 17, 11, 8]);
});

// -- github --

test('github: one workflow command per finding; info is ::notice', () => {
  const r = runCli('warnings', ['check', '--format', 'github', ...TODAY]);
  assert.equal(r.status, 0, show(r));
  const lines = r.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 2);
  assert.equal(
    lines[1],
    '::warning file=kpis.yaml,line=13,col=9,endLine=13,endColumn=12,title=no-goal::KPI "aht" is linked to no goal: ' +
      'it measures nothing the business set out to do. Link it to one of: retain_customers.',
  );
  const errors = runCli('errors', ['check', '--format', 'github', ...TODAY]);
  assert.equal(errors.status, 1);
  assert.match(errors.stdout, /^::error file=kpis\.yaml,line=10,col=13,endLine=10,endColumn=28,title=unknown-goal::/m);
  const infos = runCli('clean', ['check', '--format', 'github', '--today', '2100-01-01']);
  assert.equal(infos.status, 0);
  const notices = infos.stdout.trimEnd().split('\n');
  assert.equal(notices.length, 3);
  for (const l of notices)
    assert.match(l, /^::notice file=kpis\.yaml,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=target-past-due::/);
});

test('github: %, CR and LF are escaped in messages; also : and , in properties', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-lens-gh-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const name = 'odd:name,50%.kpis.yaml';
  fs.writeFileSync(
    path.join(dir, name),
    'version: 1\ngoals:\n  - id: g\n    title: G\nkpis:\n  - id: k\n    name: K\n    goals: [g]\n    source: "100%\\nsure\\r:,"\n    formula: count()\n',
  );
  const r = runCli(dir, ['check', '--format', 'github', name, ...TODAY]);
  assert.equal(r.status, 1, show(r));
  const lines = r.stdout.trimEnd().split('\n');
  assert.ok(
    lines.every((l) => l.startsWith('::')),
    'one line per finding: newlines in messages are escaped',
  );
  const unknown = lines.find((l) => l.includes('title=unknown-source'));
  assert.ok(unknown, show(r));
  assert.ok(unknown.startsWith('::error file=odd%3Aname%2C50%25.kpis.yaml,line=9,col=13,'), unknown);
  const message = unknown.slice(unknown.indexOf('::', 2) + 2);
  assert.ok(message.includes('"100%25%0Asure%0D:,"'), message);
  assert.ok(!/%(?![0-9A-F]{2})/.test(message), 'every % is escaped');
});

// -- sarif --

const SCHEMA_FILE = fixture('sarif', 'sarif-schema-2.1.0-rtm.5.json');

function sarifValidator(): (data: unknown) => boolean & { errors?: unknown } {
  const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
  // The file is written for draft-04 ("id", "$schema" draft-04); its keywords are all
  // draft-07 compatible, so ajv's default (draft-07) validates with it once those go.
  delete schema.$schema;
  delete schema.id;
  // unicodeRegExp off: the schema's `language` pattern has a stray `]` that the u flag rejects.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  for (const format of ['uri', 'uri-reference', 'date-time']) ajv.addFormat(format, true);
  const validate = ajv.compile(schema);
  return validate as unknown as (data: unknown) => boolean & { errors?: unknown };
}

interface SarifLog {
  version: string;
  $schema?: string;
  runs: {
    tool: {
      driver: {
        name: string;
        version?: string;
        rules: { id: string; helpUri?: string; shortDescription?: { text: string } }[];
      };
    };
    originalUriBaseIds?: Record<string, { uri: string }>;
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: {
        physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Record<string, number> };
      }[];
      properties?: { kpi?: string };
    }[];
  }[];
}

test('sarif: validates against the SARIF 2.1.0 schema, for findings of every severity and several files', () => {
  const validate = sarifValidator();
  for (const [cwd, args] of [
    ['errors', TODAY],
    ['clean', TODAY],
    ['clean', ['--today', '2100-01-01']],
    ['multi', ['sub/team.kpis.yaml', 'kpis.yaml', ...TODAY]],
    ['unicode', TODAY],
  ] as const) {
    const r = runCli(cwd, ['check', '--format', 'sarif', ...args]);
    assert.ok(r.status === 0 || r.status === 1, show(r));
    assert.equal(r.stderr, '');
    const log = JSON.parse(r.stdout) as unknown;
    const ok = validate(log);
    assert.ok(
      ok,
      `${cwd} ${args.join(' ')}: ${JSON.stringify((validate as unknown as { errors: unknown }).errors, null, 1)}`,
    );
  }
  // the validator is not vacuous: a level "info", a line 0 or a missing driver name fail it
  assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] }), false);
  assert.equal(validate({ version: '2.0.0', runs: [] }), false);
  const sample = JSON.parse(runCli('errors', ['check', '--format', 'sarif', ...TODAY]).stdout) as SarifLog;
  const result = sample.runs[0]!.results[0]!;
  assert.equal(validate({ ...sample, runs: [{ ...sample.runs[0], results: [{ ...result, level: 'info' }] }] }), false);
  const region = { ...result.locations[0]!.physicalLocation.region, startLine: 0 };
  const badRegion = {
    ...result,
    locations: [{ physicalLocation: { ...result.locations[0]!.physicalLocation, region } }],
  };
  assert.equal(validate({ ...sample, runs: [{ ...sample.runs[0], results: [badRegion] }] }), false);
});

test('sarif: relative file URIs with uriBaseId %SRCROOT%, one rule per rule id with a helpUri, info as note', () => {
  const r = runCli('multi', ['check', '--format', 'sarif', 'sub/team.kpis.yaml', 'kpis.yaml', ...TODAY]);
  const log = JSON.parse(r.stdout) as SarifLog;
  assert.equal(log.version, '2.1.0');
  assert.equal(log.runs.length, 1);
  const run = log.runs[0]!;
  assert.equal(run.tool.driver.name, 'kpi-lens');
  const ids = run.tool.driver.rules.map((x) => x.id);
  assert.deepEqual(
    ids,
    RULES.map((x) => x.id),
    'one rule entry per rule id',
  );
  assert.equal(new Set(ids).size, ids.length);
  for (const rule of run.tool.driver.rules) {
    assert.match(rule.helpUri ?? '', /^https:\/\//, `${rule.id} has a helpUri`);
    assert.ok((rule.shortDescription?.text ?? '').length > 0, `${rule.id} has a description`);
  }
  const root = run.originalUriBaseIds?.['%SRCROOT%']?.uri;
  assert.equal(root, pathToFileURL(fixture('cli', 'multi')).href + '/');
  const uris = run.results.map((x) => x.locations[0]!.physicalLocation.artifactLocation);
  assert.deepEqual(
    [...new Set(uris.map((u) => `${u.uriBaseId} ${u.uri}`))],
    ['%SRCROOT% sub/team.kpis.yaml', '%SRCROOT% kpis.yaml'],
  );
  for (const result of run.results) {
    assert.equal(run.tool.driver.rules[result.ruleIndex]!.id, result.ruleId, 'ruleIndex points at the rule');
  }
  const noGoal = run.results.find((x) => x.ruleId === 'no-goal')!;
  assert.equal(noGoal.level, 'warning');
  assert.deepEqual(noGoal.locations[0]!.physicalLocation.region, {
    startLine: 13,
    startColumn: 9,
    endLine: 13,
    endColumn: 12,
  });
  assert.equal(noGoal.properties?.kpi, 'aht');

  const infos = JSON.parse(runCli('clean', ['check', '--format', 'sarif', '--today', '2100-01-01']).stdout) as SarifLog;
  const levels = infos.runs[0]!.results.map((x) => x.level);
  assert.deepEqual(levels, ['note', 'note', 'note'], 'info is note');
  const errors = JSON.parse(runCli('errors', ['check', '--format', 'sarif', ...TODAY]).stdout) as SarifLog;
  assert.ok(errors.runs[0]!.results.some((x) => x.level === 'error'));
});

test('sarif: a file outside the current directory gets an absolute file URI', () => {
  const r = runCli('clean', ['check', '--format', 'sarif', '../errors/kpis.yaml', ...TODAY]);
  const log = JSON.parse(r.stdout) as SarifLog;
  const loc = log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation;
  assert.equal(loc.uri, pathToFileURL(fixture('cli', 'errors', 'kpis.yaml')).href);
  assert.equal(loc.uriBaseId, undefined);
  assert.ok(sarifValidator()(log));
});

test('eval lists warnings and errors on stderr, and says how many infos it left out and where to see them', async () => {
  const r = await captureMain(['eval', '--today', '2100-01-01'], fixture('cli', 'clean'));
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stderr, /info:/);
  assert.match(r.stderr, /0 errors, 0 warnings, 3 infos/);
  assert.match(r.stderr, /^3 infos not listed here: kpi-lens check kpis\.yaml lists them\.$/m);
  assert.doesNotMatch(
    (await captureMain(['eval', '--today', '2026-01-15'], fixture('cli', 'clean'))).stderr,
    /not listed here/,
  );
});
