// The rule source-outside-workspace (SPEC 4) on real files under test/fixtures/rules/: exact ranges, messages, fixes.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../../../../src/core/checks/analysis';
import { DataCache } from '../../../../src/core/data/load';
import type { DataLoader } from '../../../../src/core/data/sources';
import { RULES_BY_ID } from '../../../../src/core/checks/rules';
import {
  analyzeFixture,
  analyzeText,
  assertNone,
  assertValidFile,
  expectAt,
  findingsOf,
  load,
  RULES_DIR,
  TODAY,
} from './kit';

/** A real loader that records every path it is asked to read. */
function spyLoader(): DataLoader & { calls: string[] } {
  const cache = new DataCache();
  const calls: string[] = [];
  return {
    calls,
    load(absPath, options) {
      calls.push(absPath);
      return cache.load(absPath, options);
    },
  };
}

const WORKSPACE = path.join(RULES_DIR, 'source-outside-workspace', 'workspace');

test('source-outside-workspace: a ../ path, at the path value; the file is not read', () => {
  const loader = spyLoader();
  const { analysis } = analyzeFixture('source-outside-workspace/workspace/outside.kpis.yaml', {
    workspaceRoot: WORKSPACE,
    loader,
  });
  assertValidFile(analysis);
  const f = expectAt(analysis, 'source-outside-workspace', '../outside.csv', 'path: ../outside.csv', { kpi: null });
  assert.equal(f.severity, 'error');
  assert.match(f.message, /"outside"/);
  assert.match(f.message, /outside the workspace/);
  assert.match(f.message, /--allow-outside/);
  assert.match(f.message, /kpiLens\.allowSourcesOutsideWorkspace/);
  assert.equal(findingsOf(analysis, 'source-outside-workspace').length, 1, 'data/inside.csv is inside');
  assert.ok(
    !loader.calls.some((p) => p.endsWith('outside.csv') && !p.includes('inside')),
    `read: ${loader.calls.join(', ')}`,
  );
  assert.ok(
    loader.calls.some((p) => p.endsWith(path.join('data', 'inside.csv'))),
    'the inside source is read',
  );
  assertNone(analysis, 'source-unreadable');
});

test("source-outside-workspace: the workspace defaults to the KPI file's folder", () => {
  const loader = spyLoader();
  const { text, file } = load('source-outside-workspace/workspace/outside.kpis.yaml');
  const analysis = analyze(text, { filePath: file, today: TODAY, loader });
  expectAt(analysis, 'source-outside-workspace', '../outside.csv', 'path: ../outside.csv', { kpi: null });
  assert.equal(loader.calls.filter((p) => path.basename(p) === 'outside.csv').length, 0);
});

test('source-outside-workspace: allowOutside lifts it, and then the file is read', () => {
  const loader = spyLoader();
  const { analysis } = analyzeFixture('source-outside-workspace/workspace/outside.kpis.yaml', {
    workspaceRoot: WORKSPACE,
    allowOutside: true,
    loader,
  });
  assertNone(analysis, 'source-outside-workspace');
  assertNone(analysis, 'source-unreadable');
  assert.ok(loader.calls.some((p) => path.basename(p) === 'outside.csv'));
  assert.equal(analysis.sources.get('outside')?.status, 'ok');
});

test('source-outside-workspace: none in the clean file', () => {
  assertNone(analyzeFixture('clean.kpis.yaml').analysis, 'source-outside-workspace');
});

test('source-outside-workspace: a symbolic link inside the workspace that points outside it', (t) => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-lens-symlink-'));
  t.after(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const ws = path.join(tmp, 'workspace');
  const elsewhere = path.join(tmp, 'elsewhere');
  fs.mkdirSync(path.join(ws, 'data'), { recursive: true });
  fs.mkdirSync(elsewhere);
  fs.writeFileSync(path.join(elsewhere, 'secret.csv'), 'id,score\n1,9\n');
  fs.writeFileSync(path.join(ws, 'data', 'real.csv'), 'id,score\n1,9\n');
  fs.symlinkSync(path.join(elsewhere, 'secret.csv'), path.join(ws, 'data', 'linked.csv'));
  // a link to a folder outside, and a link that stays inside
  fs.symlinkSync(elsewhere, path.join(ws, 'data', 'linked-dir'));
  fs.symlinkSync(path.join(ws, 'data', 'real.csv'), path.join(ws, 'data', 'alias.csv'));
  const text = [
    'version: 1',
    'goals:',
    '  - id: retain',
    '    title: Keep customers',
    'sources:',
    '  linked:',
    '    path: data/linked.csv',
    '  via_dir:',
    '    path: data/linked-dir/secret.csv',
    '  alias:',
    '    path: data/alias.csv',
    'kpis:',
    '  - id: nps',
    '    name: NPS',
    '    goals: [retain]',
    '    source: alias',
    '    formula: avg(score)',
    '',
  ].join('\n');
  const file = path.join(ws, 'kpis.yaml');
  fs.writeFileSync(file, text);

  const loader = spyLoader();
  const analysis = analyze(text, { filePath: file, workspaceRoot: ws, today: TODAY, loader });
  expectAt(analysis, 'source-outside-workspace', 'data/linked.csv', 'path: data/linked.csv', { kpi: null });
  expectAt(analysis, 'source-outside-workspace', 'data/linked-dir/secret.csv', 'path: data/linked-dir', { kpi: null });
  assert.equal(findingsOf(analysis, 'source-outside-workspace').length, 2, 'a link that stays inside is fine');
  assert.ok(
    !loader.calls.some((p) => p.includes('secret') || p.includes('linked')),
    `read: ${loader.calls.join(', ')}`,
  );
  assertNone(analysis, 'source-unreadable');

  const allowed = spyLoader();
  const lifted = analyze(text, {
    filePath: file,
    workspaceRoot: ws,
    today: TODAY,
    loader: allowed,
    allowOutside: true,
  });
  assertNone(lifted, 'source-outside-workspace');
  assertNone(lifted, 'source-unreadable');
  assert.ok(allowed.calls.some((p) => p.includes('secret')));
});

test('source-outside-workspace: a workspace reached through a symbolic link is still inside', (t) => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-lens-wslink-'));
  t.after(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const real = path.join(tmp, 'real');
  fs.mkdirSync(path.join(real, 'data'), { recursive: true });
  fs.writeFileSync(path.join(real, 'data', 'x.csv'), 'id,score\n1,9\n');
  fs.symlinkSync(real, path.join(tmp, 'link'));
  const text = 'version: 1\nsources:\n  x:\n    path: data/x.csv\nkpis: []\n';
  const file = path.join(tmp, 'link', 'kpis.yaml');
  const analysis = analyze(text, {
    filePath: file,
    workspaceRoot: path.join(tmp, 'link'),
    today: TODAY,
    loader: new DataCache(),
  });
  assertNone(analysis, 'source-outside-workspace');
  assertNone(analysis, 'source-unreadable');
});

test('source-outside-workspace cannot be lowered by the rules map', () => {
  assert.equal(RULES_BY_ID.get('source-outside-workspace')?.fixedSeverity, true);
  const { text, file } = load('source-outside-workspace/workspace/outside.kpis.yaml');
  for (const severity of ['off', 'info', 'warning', 'warn']) {
    const analysis = analyzeText(`${text}\nrules:\n  source-outside-workspace: ${severity}\n`, file, {
      workspaceRoot: WORKSPACE,
    });
    const f = expectAt(analysis, 'source-outside-workspace', '../outside.csv', 'path: ../outside.csv', { kpi: null });
    assert.equal(f.severity, 'error', `set to ${severity}, it stays an error`);
  }
});
