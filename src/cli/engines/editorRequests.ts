/**
 * `kpi-lens engines`: answers one request of the editor extension about engine sources
 * (core/data/engineProtocol.ts) — their columns, or the values of the KPIs on them — with
 * this CLI's engines and drivers. JSON in on stdin, JSON out on stdout; exit 0 when it
 * answered (an engine's failure is part of the answer), 2 when the request was not one.
 */
import * as path from 'node:path';
import {
  ENGINE_PROTOCOL,
  parseEngineRequest,
  type EngineAnswer,
  type EngineRequest,
} from '../../core/data/engineProtocol';
import { engineValuesToJson } from '../../core/evaluation/engineValues';
import type { DataLoader } from '../../core/data/sources';
import { realPathOf } from '../../core/data/sources';
import type { Io } from '../check';
import { UsageError } from '../args';
import { analyzeWithEngines } from '../workspace';
import { computeOnEngines } from './engineResults';
import { EngineSession } from './session';
import { version } from '../../../package.json';

/** Files of in-memory sources are the editor's to read: here they count as not read. */
const NOTHING_READ: DataLoader = {
  load: () => ({ ok: false, error: { message: 'not read' } }),
  pending: () => true,
};

export async function runEngines(args: string[], io: Io): Promise<number> {
  if (args.length > 0) throw new UsageError(`kpi-lens engines takes no arguments (got ${args.join(' ')})`);
  if (!io.stdin) throw new UsageError('kpi-lens engines reads its request on stdin');
  const request = parseEngineRequest(await io.stdin());
  if ('error' in request) {
    answer(io, { protocol: ENGINE_PROTOCOL, version, error: request.error });
    return 2;
  }
  const session = new EngineSession({
    env: io.env ?? process.env,
    allowedDirectories: request.allowOutside ? [] : [realPathOf(request.workspaceRoot)],
    passwords: new Map(Object.entries(request.passwords)),
  });
  try {
    answer(io, await answerTo(request, session));
  } finally {
    await session.close();
  }
  return 0;
}

async function answerTo(request: EngineRequest, session: EngineSession): Promise<EngineAnswer> {
  if (request.request === 'describe') {
    await session.describeAll(request.specs);
    const catalog = session.catalog('memory');
    return { protocol: ENGINE_PROTOCOL, version, infos: request.specs.map((spec) => catalog.describe(spec)) };
  }
  if (!path.isAbsolute(request.file))
    return { protocol: ENGINE_PROTOCOL, version, error: 'file must be an absolute path' };
  const { analysis } = await analyzeWithEngines(
    request.file,
    request.text,
    request.workspaceRoot,
    { allowOutside: request.allowOutside, ...(request.today ? { today: request.today } : {}) },
    NOTHING_READ,
    false,
    session,
  );
  return { protocol: ENGINE_PROTOCOL, version, values: engineValuesToJson(await computeOnEngines(analysis, session)) };
}

function answer(io: Io, body: EngineAnswer): void {
  io.stdout(`${JSON.stringify(body)}\n`);
}
