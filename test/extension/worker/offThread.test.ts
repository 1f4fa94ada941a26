// The analysis worker as the extension drives it (dist/worker.js, from npm run build): large
// files are read there and arrive whole, KPIs computed there are those computed here, and a
// newer job for a document cancels the older one.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../src/core/checks/analysis';
import { DataCache } from '../../../src/core/data/load';
import { evaluateAnalysis } from '../../../src/core/evaluation/evaluate';
import { OffThread } from '../../../src/extension/worker/offThread';
import { fixture, repoRoot } from '../../paths';

const workerFile = path.join(repoRoot, 'dist', 'worker.js');
const sample = path.join(repoRoot, 'samples', 'kpis.yaml');
const options = { filePath: sample, workspaceRoot: path.dirname(sample), today: '2026-01-15' };

test('a file above the inline size is read in the worker: pending until it arrives, then the same table', async () => {
  const file = fixture('data', 'survey.csv');
  let arrived: (absPath: string) => void = () => undefined;
  const loaded = new Promise<string>((resolve) => (arrived = resolve));
  const off = new OffThread({ workerFile, inlineBytes: 100, onLoaded: (p) => arrived(p) });
  try {
    const parse = { format: 'csv' as const, fileName: 'survey.csv' };
    assert.equal(off.pending(file, parse), true);
    assert.equal(await loaded, file);
    assert.equal(off.pending(file, parse), false);
    const table = off.load(file, parse);
    assert.deepEqual(table, new DataCache().load(file, parse));
    assert.equal(off.inline.parses, 0, 'the main thread parsed nothing');
  } finally {
    off.dispose();
  }
});

test('a small file is read at once on the main thread', () => {
  const file = fixture('data', 'survey.csv');
  const off = new OffThread({ workerFile });
  try {
    assert.equal(off.pending(file, { format: 'csv' }), false);
    assert.equal(off.load(file, { format: 'csv' }).ok, true);
    assert.equal(off.inline.parses, 1);
  } finally {
    off.dispose();
  }
});

test('KPIs computed in the worker are those computed on the main thread, edit after edit', async () => {
  const text = fs.readFileSync(sample, 'utf8');
  const edited = text.replace('    name: Average revenue per account', '    name: ARPA');
  const off = new OffThread({ workerFile });
  try {
    for (const version of [text, edited, text]) {
      const here = evaluateAnalysis(analyze(version, { ...options, loader: new DataCache() }));
      assert.deepEqual(await off.evaluate('sample', version, options), here);
    }
  } finally {
    off.dispose();
  }
});

test("a newer version's job cancels the older one; another document's job is not touched", async () => {
  const text = fs.readFileSync(sample, 'utf8');
  const off = new OffThread({ workerFile });
  try {
    // The worker is still starting when all three are posted: the first is superseded before it runs.
    const older = off.evaluate('sample', text, options);
    const other = off.evaluate('other', text, options);
    const newer = off.evaluate('sample', text, options);
    assert.equal(await older, undefined);
    const expected = evaluateAnalysis(analyze(text, { ...options, loader: new DataCache() }));
    assert.deepEqual(await other, expected);
    assert.deepEqual(await newer, expected);
    const cancelled = off.evaluate('sample', text, options);
    off.cancelJobs('sample');
    assert.equal(await cancelled, undefined);
  } finally {
    off.dispose();
  }
});
