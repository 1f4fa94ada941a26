/**
 * One request to the kpi-lens command line (`kpi-lens engines`), run as a child process of
 * the editor's Node runtime: the request on its stdin (passwords included, so that they
 * appear in no argument list or environment), its JSON answer read from stdout.
 */
import { spawn } from 'node:child_process';
import { ENGINE_PROTOCOL, type EngineAnswer, type EngineRequest } from '../../core/data/engineProtocol';

/** Why the command line gave no answer, in plain words. */
export class CliFailure extends Error {}

/** Longer than any engine needs for a preview; a hung server must not hold the results forever. */
export const CLI_TIMEOUT_MS = 120_000;
const MAX_ANSWER_BYTES = 256 * 1024 * 1024;

export function askCli(
  script: string,
  request: EngineRequest,
  options: { cwd: string; signal?: AbortSignal; timeoutMs?: number },
): Promise<EngineAnswer> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, 'engines'], {
      cwd: options.cwd,
      // The editor's runtime is Electron's in VS Code desktop: this makes it plain Node.
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const out: Buffer[] = [];
    let outBytes = 0;
    let err = '';
    let settled = false;
    const fail = (message: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill();
      reject(new CliFailure(message));
    };
    const timeoutMs = options.timeoutMs ?? CLI_TIMEOUT_MS;
    const timer = setTimeout(
      () => fail(`the kpi-lens command line did not answer within ${timeoutMs / 1000} s`),
      timeoutMs,
    );
    child.stdout.on('data', (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes > MAX_ANSWER_BYTES) fail('the kpi-lens command line answered more than 256 MB');
      else out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (err.length < 16_384) err += chunk.toString('utf8');
    });
    child.on('error', (error) => {
      if (options.signal?.aborted) fail('cancelled');
      else fail(`the kpi-lens command line could not be started: ${error.message}`);
    });
    child.on('close', (code) => {
      if (settled) return;
      clearTimeout(timer);
      settled = true;
      const answer = answerIn(Buffer.concat(out).toString('utf8'));
      if (answer && answer.protocol !== ENGINE_PROTOCOL) {
        reject(
          new CliFailure(
            `the kpi-lens command line speaks protocol ${String(answer.protocol)} and this extension ${ENGINE_PROTOCOL}: update the older of the two`,
          ),
        );
        return;
      }
      if (answer) {
        if ('error' in answer) reject(new CliFailure(`the kpi-lens command line refused the request: ${answer.error}`));
        else resolve(answer);
        return;
      }
      reject(new CliFailure(whyNoAnswer(code, err)));
    });
    child.stdin.on('error', () => undefined); // a child that exits early closes its stdin: its exit says why
    child.stdin.end(JSON.stringify(request));
  });
}

function answerIn(stdout: string): EngineAnswer | undefined {
  const line = stdout.trim().split('\n').pop() ?? '';
  try {
    const json = JSON.parse(line) as EngineAnswer;
    return typeof json === 'object' && json !== null && 'protocol' in json ? json : undefined;
  } catch {
    return undefined;
  }
}

function whyNoAnswer(code: number | null, stderr: string): string {
  if (/unknown command "engines"/.test(stderr)) {
    return 'the kpi-lens command line found is too old to answer the editor (it has no `engines` command): update it';
  }
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  // A crash prints where it happened first; the error's own line says what.
  const first = lines.find((l) => /^(\w*Error\b|kpi-lens: )/.test(l)) ?? lines[0];
  return `the kpi-lens command line failed (exit ${code ?? 'signal'})${first ? `: ${first.replace(/^kpi-lens: /, '')}` : ''}`;
}
