// Paths that are not regular files (a FIFO, a device, a folder, a socket) are refused in
// plain words, never opened for reading: opening a FIFO waits for a writer and a device
// never ends. Each load runs in a child process with a deadline, so that a hang fails the
// test instead of hanging the run.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';

const LOAD_MODULE = path.join(__dirname, '..', '..', '..', 'src', 'core', 'data', 'load.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-lens-special-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));
const posix = process.platform !== 'win32';

const CHILD = `
const { DataCache, statFile } = require(process.argv[1]);
const file = process.argv[2];
const load = new DataCache().load(file, { format: 'csv', fileName: 'data/x.csv' });
const stat = statFile(file, 'data/x.csv');
process.stdout.write(JSON.stringify({ load, stat }));
`;

interface Outcome {
  load: { ok: boolean; error?: { message: string } };
  stat: { message?: string; size?: number };
}

/** DataCache.load and statFile on `file` in a child process that must finish within 20 s. */
function loadInChild(file: string): Outcome {
  const r = spawnSync(process.execPath, ['-e', CHILD, LOAD_MODULE, file], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(r.error, undefined, `loading ${file} hung (killed after 20 s)`);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Outcome;
}

function assertRefused(file: string, reason: RegExp): void {
  const { load, stat } = loadInChild(file);
  assert.equal(load.ok, false);
  assert.match(load.error!.message, new RegExp(`^cannot open data/x\\.csv: ${reason.source}$`));
  assert.match(stat.message ?? '', new RegExp(`^cannot open data/x\\.csv: ${reason.source}$`));
}

test('a FIFO is refused at once (not opened: that would wait for a writer forever)', { skip: !posix }, () => {
  const fifo = path.join(dir, 'pipe.csv');
  spawnSync('mkfifo', [fifo]);
  assert.ok(fs.statSync(fifo).isFIFO(), 'mkfifo made a FIFO');
  assertRefused(fifo, /it is a named pipe \(FIFO\), not a regular file/);
});

test('a device (/dev/zero, /dev/random, /dev/null) is refused (/dev/zero would never end)', { skip: !posix }, () => {
  for (const device of ['/dev/zero', '/dev/random', '/dev/null']) {
    if (!fs.existsSync(device)) continue;
    assertRefused(device, /it is a device, not a regular file/);
  }
});

test('a folder is refused', () => {
  const folder = path.join(dir, 'folder.csv');
  fs.mkdirSync(folder);
  assertRefused(folder, /it is a folder, not a file/);
});

test('a socket is refused', { skip: !posix }, async (t) => {
  const socket = path.join(dir, 'sock.csv');
  const server = net.createServer().listen(socket);
  await new Promise((resolve) => server.once('listening', resolve));
  t.after(() => server.close());
  const { load } = loadInChild(socket);
  assert.equal(load.ok, false);
  assert.match(load.error!.message, /^cannot open data\/x\.csv: it is a socket, not a regular file$/);
});

test('a symbolic link to a regular file is read (the link is followed)', { skip: !posix }, () => {
  const target = path.join(dir, 'real.csv');
  fs.writeFileSync(target, 'a\n1\n');
  const link = path.join(dir, 'link.csv');
  fs.symlinkSync(target, link);
  const { load, stat } = loadInChild(link);
  assert.equal(load.ok, true, JSON.stringify(load));
  assert.equal(stat.size, 4);
});
