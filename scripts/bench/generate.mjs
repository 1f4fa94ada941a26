// Generates the benchmark inputs (deterministic): a 1,000-KPI file and a 1,000,000-row survey CSV.
import { createWriteStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { core } from '../core.mjs';

const { mulberry32 } = core('common/random');


export function generateKpiFile(dir, count = 1000) {
  const file = path.join(dir, 'kpis-1000.kpis.yaml');
  const goals = Array.from({ length: 50 }, (_, i) => `  - id: goal_${i}\n    title: Goal number ${i}${i > 0 ? `\n    parent: goal_${Math.floor((i - 1) / 3)}` : ''}`);
  const formulas = [
    'pct(score >= 9) - pct(score <= 6)',
    '100 * count(csat >= 4) / count(csat != null)',
    'avg(handle_seconds) / 60',
    'median(handle_seconds where channel == "chat")',
    'percentile(handle_seconds, 90)',
    'pct(resolved)',
    'count_distinct(customer_id)',
  ];
  const kpis = Array.from({ length: count }, (_, i) =>
    [
      `  - id: kpi_${i}`,
      `    name: KPI number ${i}`,
      `    unit: ${i % 3 === 0 ? 'percent' : 'number'}`,
      `    goals: [goal_${i % 50}]`,
      `    source: survey`,
      `    formula: ${formulas[i % formulas.length]}`,
      `    grain: month`,
      `    target: { value: ${40 + (i % 30)}, due: 2026-12-31, baseline: { value: 30, as_of: 2025-12-31 } }`,
    ].join('\n'),
  );
  const text = `version: 1\ngoals:\n${goals.join('\n')}\nsources:\n  survey:\n    path: survey-small.csv\n    time: submitted_at\nkpis:\n${kpis.join('\n')}\n`;
  writeFileSync(file, text);
  writeFileSync(path.join(dir, 'survey-small.csv'), surveyRows(1000, 7).join(''));
  return file;
}

const CHANNELS = ['email', 'chat', 'phone', 'web'];

function surveyRows(count, seed) {
  const rand = mulberry32(seed);
  const start = Date.UTC(2025, 0, 1);
  const span = Date.UTC(2026, 10, 1) - start;
  const rows = ['response_id,submitted_at,channel,customer_id,score,csat,handle_seconds,resolved\n'];
  for (let i = 0; i < count; i++) {
    const at = new Date(start + Math.floor(rand() * span)).toISOString().slice(0, 19) + 'Z';
    const csat = rand() < 0.3 ? '' : String(1 + Math.floor(rand() * 5));
    rows.push(
      `${i + 1},${at},${CHANNELS[Math.floor(rand() * 4)]},c${Math.floor(rand() * 50000)},${Math.floor(rand() * 11)},${csat},${Math.floor(60 + rand() * 900)},${rand() < 0.7}\n`,
    );
  }
  return rows;
}

export async function generateSurvey(dir, count = 1_000_000) {
  const tag = count % 1_000_000 === 0 ? `${count / 1_000_000}m` : String(count);
  const file = path.join(dir, `survey-${tag}.csv`);
  const yaml = path.join(dir, `eval-7-${tag}.kpis.yaml`);
  writeFileSync(
    yaml,
    `version: 1
goals:
  - id: cx
    title: Customer experience
sources:
  survey:
    path: ${path.basename(file)}
    time: submitted_at
kpis:
  - { id: nps, name: NPS, goals: [cx], source: survey, formula: pct(score >= 9) - pct(score <= 6), grain: month }
  - { id: csat, name: CSAT, unit: percent, goals: [cx], source: survey, formula: 100 * count(csat >= 4) / count(csat != null), grain: month }
  - { id: aht, name: AHT, unit: duration, per: minutes, goals: [cx], guardrails: [fcr], source: survey, formula: avg(handle_seconds) / 60, grain: month }
  - { id: chat_median, name: Median chat handle, goals: [cx], source: survey, formula: 'median(handle_seconds where channel == "chat")', grain: month }
  - { id: p90, name: P90 handle, goals: [cx], source: survey, formula: 'percentile(handle_seconds, 90)', grain: month }
  - { id: fcr, name: FCR, unit: percent, goals: [cx], source: survey, formula: pct(resolved), grain: month }
  - { id: customers, name: Customers, unit: count, goals: [cx], source: survey, formula: count_distinct(customer_id), grain: month }
`,
  );
  if (existsSync(file)) return { file, yaml };
  const out = createWriteStream(file);
  const chunk = 50_000;
  for (let done = 0; done < count; done += chunk) {
    const rows = surveyRows(Math.min(chunk, count - done), 1000 + done);
    if (done > 0) rows.shift();
    if (!out.write(rows.join(''))) await new Promise((r) => out.once('drain', r));
  }
  await new Promise((r) => out.end(r));
  return { file, yaml };
}

export function ensureDir(dir) {
  mkdirSync(dir, { recursive: true });
  return dir;
}
