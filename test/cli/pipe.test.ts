// `kpi-lens eval | head`: the reader closes the pipe after the first lines; the CLI stops
// quietly, without a stack trace of the failed write.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { CLI } from './run';

test('a reader that closes the pipe early: no error on stderr, a normal exit', async (t) => {
  // 200 KPIs with 36 months each: about 2 MB of JSON, far more than a pipe holds, so writes go on after the close.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-lens-pipe-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const rows = Array.from(
    { length: 36 * 4 },
    (_, i) => `2024-${String((i % 12) + 1).padStart(2, '0')}-0${(i % 9) + 1},${i}`,
  );
  fs.writeFileSync(path.join(dir, 'd.csv'), `day,v\n${rows.join('\n')}\n`);
  const kpis = Array.from(
    { length: 200 },
    (_, i) => `  - { id: k${i}, name: K${i}, goals: [g], source: d, formula: sum(v) + ${i}, grain: month }`,
  );
  fs.writeFileSync(
    path.join(dir, 'kpis.yaml'),
    `version: 1\ngoals:\n  - { id: g, title: G }\nsources:\n  d: { path: d.csv, time: day }\nkpis:\n${kpis.join('\n')}\n`,
  );
  const child = spawn(process.execPath, [CLI, 'eval', 'kpis.yaml', '--format', 'json'], { cwd: dir });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const first = await new Promise<string>((resolve) =>
    child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString())),
  );
  child.stdout.destroy();
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on('close', (c, s) => resolve([c, s])),
  );
  assert.match(first, /^\{\n {2}"kpis": \[/);
  assert.equal(stderr, '');
  assert.equal(signal, null);
  assert.ok(code === 0 || code === 1, `exit ${code}`);
});
