#!/usr/bin/env node
// Generates the sample data behind samples/kpis.yaml into samples/data/.
//
//   npm run samples
//
// Plain Node, no dependencies, deterministic: one seeded PRNG (mulberry32) and fixed
// dates, so every run writes byte-identical files. Change SEED or the story curves below
// and run it again; then re-check the targets in samples/kpis.yaml.
//
// The company: "Boxwise", a consumer subscription box (plans solo / duo / family) with a
// web shop and a customer-support team in Berlin, Lisbon and Austin. Data runs from
// January 2025 to the end of October 2026 (the export was taken on 2026-11-01 00:00 UTC).
//
// The story:
// - Support gets better through 2025 and early 2026 (faster email replies, higher
//   first-contact resolution and CSAT).
// - From June 2026 management pushes average handle time (AHT) down. Agents rush:
//   AHT drops from ~9 to ~6 minutes, but first-contact resolution and CSAT dip, repeat
//   contacts make resolution slower, and a few months later NPS and churn follow.
// - In March 2026 the shop launched a one-page checkout: conversion rises while pages
//   per visit falls (which is why pages per visit is not a goal KPI).
//
// Files (CSV, JSON and JSONL on purpose, to show all three formats):
//   data/tickets.csv          support tickets, date-times with and without UTC offsets
//   data/nps_survey.csv       relationship NPS survey; a column name with spaces
//   data/subscriptions.json   one row per customer per month (a monthly snapshot)
//   data/web_sessions.jsonl   web shop sessions

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { core } from './core.mjs';

const { mulberry32 } = core('common/random');
const { MS_PER_DAY } = core('data/dates');

const SEED = 20260601;
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const outDir = path.join(root, 'samples', 'data');

// ---------------------------------------------------------------------------------------
// Randomness

const rand = mulberry32(SEED);
const randInt = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1)); // inclusive
function normal() {
  let u = 0;
  while (u === 0) u = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}
/** A log-normal draw with the given median. */
const logNormal = (median, sigma) => median * Math.exp(sigma * normal());
/** A log-normal draw with the given mean. */
const logNormalMean = (mean, sigma) => mean * Math.exp(sigma * normal() - (sigma * sigma) / 2);
function pick(weights) {
  const entries = Object.entries(weights);
  let r = rand() * entries.reduce((s, [, w]) => s + w, 0);
  for (const [key, w] of entries) {
    r -= w;
    if (r < 0) return key;
  }
  return entries[entries.length - 1][0];
}
function shuffle(list) {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [list[i], list[j]] = [list[j], list[i]];
  }
  return list;
}
/** k items chosen without replacement, item i with weight weight(i) (Efraimidis–Spirakis). */
function weightedSample(items, k, weight) {
  return items
    .map((item) => ({ item, key: Math.pow(rand(), 1 / weight(item)) }))
    .sort((a, b) => b.key - a.key)
    .slice(0, Math.max(0, Math.min(k, items.length)))
    .map((e) => e.item);
}
const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));

// ---------------------------------------------------------------------------------------
// Calendar

const MONTHS = 22; // 2025-01 .. 2026-10
const START = Date.UTC(2025, 0, 1);
const EXPORT = Date.UTC(2026, 10, 1); // data taken at 2026-11-01T00:00:00Z
const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = MS_PER_DAY;
const monthStart = (m) => Date.UTC(2025, m, 1);
const monthDays = (m) => (monthStart(m + 1) - monthStart(m)) / DAY;
const monthIndex = (ms) => {
  const d = new Date(ms);
  return (d.getUTCFullYear() - 2025) * 12 + d.getUTCMonth();
};
const pad = (n, w = 2) => String(n).padStart(w, '0');

/** Linear interpolation through [month, value] points (months outside the ends hold). */
function curve(points) {
  return (m) => {
    if (m <= points[0][0]) return points[0][1];
    for (let i = 1; i < points.length; i++) {
      const [m1, v1] = points[i];
      const [m0, v0] = points[i - 1];
      if (m <= m1) return v0 + ((v1 - v0) * (m - m0)) / (m1 - m0);
    }
    return points[points.length - 1][1];
  };
}

// Month 0 = 2025-01, 12 = 2026-01, 17 = 2026-06 (the AHT push starts), 21 = 2026-10.
const story = {
  tickets: curve([
    [0, 98],
    [12, 116],
    [21, 132],
  ]), // tickets per month
  ahtMinutes: curve([
    [0, 10.4],
    [11, 9.6],
    [16, 9.2],
    [17, 8.0],
    [18, 6.9],
    [21, 6.2],
  ]),
  fcr: curve([
    [0, 0.69],
    [11, 0.73],
    [16, 0.755],
    [17, 0.72],
    [18, 0.67],
    [21, 0.615],
  ]),
  csatTop2: curve([
    [0, 0.8],
    [11, 0.83],
    [16, 0.855],
    [17, 0.835],
    [18, 0.8],
    [21, 0.755],
  ]),
  cesShift: curve([
    [0, -0.2],
    [11, 0.1],
    [16, 0.25],
    [17, 0.15],
    [19, -0.1],
    [21, -0.2],
  ]),
  emailFrtMedian: curve([
    [0, 115],
    [11, 78],
    [16, 50],
    [21, 42],
  ]), // minutes
  repeatSpeed: curve([
    [0, 1.25],
    [11, 1.0],
    [16, 0.85],
    [21, 0.85],
  ]), // multi-contact slowness
  nps: curve([
    [0, 27],
    [11, 33],
    [16, 38],
    [18, 37],
    [21, 30],
  ]),
  churn: curve([
    [0, 0.085],
    [11, 0.072],
    [16, 0.066],
    [18, 0.067],
    [21, 0.078],
  ]),
  signups: curve([
    [0, 24],
    [11, 28],
    [14, 31],
    [21, 34],
  ]),
  sessions: curve([
    [0, 114],
    [12, 131],
    [21, 150],
  ]),
  conversion: curve([
    [0, 0.058],
    [13, 0.064],
    [14, 0.074],
    [21, 0.081],
  ]),
  pagesPerVisit: curve([
    [0, 3.75],
    [13, 3.7],
    [14, 3.35],
    [21, 3.2],
  ]),
  surveys: curve([
    [0, 62],
    [21, 74],
  ]),
};

// Time zones of the support teams' helpdesk exports.
function lastSunday(year, month /* 0-based */) {
  const d = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, d.getUTCDate() - d.getUTCDay());
}
function nthSunday(year, month, n) {
  const first = new Date(Date.UTC(year, month, 1)).getUTCDay();
  return Date.UTC(year, month, 1 + ((7 - first) % 7) + 7 * (n - 1));
}
const euSummer = (ms) => {
  const y = new Date(ms).getUTCFullYear();
  return ms >= lastSunday(y, 2) + HOUR && ms < lastSunday(y, 9) + HOUR;
};
const usSummer = (ms) => {
  const y = new Date(ms).getUTCFullYear();
  return ms >= nthSunday(y, 2, 2) + 8 * HOUR && ms < nthSunday(y, 10, 1) + 7 * HOUR;
};
/** UTC offset in minutes of a team's local time at instant ms. */
const TEAM_OFFSET = {
  berlin: (ms) => (euSummer(ms) ? 120 : 60),
  lisbon: (ms) => (euSummer(ms) ? 60 : 0),
  austin: (ms) => (usSummer(ms) ? -300 : -360),
};

function isoParts(ms) {
  const d = new Date(ms);
  return {
    date: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
    time: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`,
    millis: pad(d.getUTCMilliseconds(), 3),
  };
}
const fmtDate = (ms) => isoParts(ms).date;
/** `2025-03-07T10:22:13+01:00`: local time with its offset. */
function fmtLocal(ms, offsetMin) {
  const p = isoParts(ms + offsetMin * MIN);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  return `${p.date}T${p.time}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
/** `2025-03-07T09:22:13.456Z` */
const fmtUtcMillis = (ms) => {
  const p = isoParts(ms);
  return `${p.date}T${p.time}.${p.millis}Z`;
};
/** `2025-03-07T09:22:13Z` */
const fmtUtc = (ms) => {
  const p = isoParts(ms);
  return `${p.date}T${p.time}Z`;
};
/** `2025-03-07 09:22:13`: no zone, which means UTC. */
const fmtNaive = (ms) => {
  const p = isoParts(ms);
  return `${p.date} ${p.time}`;
};

/** A random instant in month m, at a plausible local hour for a team with that offset. */
function businessInstant(m, offsetOf) {
  const HOURS = [0.2, 0.1, 0.1, 0.1, 0.2, 0.4, 1, 2.5, 5, 7, 7.5, 7, 6, 6.5, 7, 6.5, 5.5, 4, 3, 2.5, 2, 1.5, 1, 0.5];
  for (;;) {
    const day = randInt(0, monthDays(m) - 1);
    let r = rand() * HOURS.reduce((s, w) => s + w, 0);
    let hour = 0;
    while ((r -= HOURS[hour]) > 0) hour++;
    const localMs = monthStart(m) + day * DAY + hour * HOUR + randInt(0, 3599) * 1000;
    const ms = localMs - offsetOf(localMs) * MIN;
    if (ms >= START && ms < EXPORT) return ms;
  }
}

// ---------------------------------------------------------------------------------------
// CSV / JSON writers

function csvField(value) {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}
function toCsv(header, rows) {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------
// Support tickets

function generateTickets() {
  const tickets = [];
  for (let m = 0; m < MONTHS; m++) {
    const n = Math.round(story.tickets(m) + normal() * 4);
    for (let i = 0; i < n; i++) {
      const team = pick({ berlin: 0.45, lisbon: 0.35, austin: 0.2 });
      const channel = pick({ email: 0.46 - m * 0.004, chat: 0.32 + m * 0.004, phone: 0.22 });
      tickets.push({ team, channel, created: businessInstant(m, TEAM_OFFSET[team]) });
    }
    // A night owl writes in just after midnight Berlin time on the 1st: in UTC that is
    // still the previous month, and that is where the ticket counts.
    if (m > 0) {
      const local = monthStart(m) + randInt(0, 3599) * 1000;
      tickets.push({ team: 'berlin', channel: 'email', created: local - TEAM_OFFSET.berlin(local) * MIN });
    }
  }
  tickets.sort((a, b) => a.created - b.created);

  // Group by the UTC month each ticket really falls in, then hand out outcomes per month
  // in the proportions of the story (rounded counts, randomly assigned).
  const byMonth = Array.from({ length: MONTHS }, () => []);
  for (const t of tickets) byMonth[monthIndex(t.created)].push(t);

  byMonth.forEach((group, m) => {
    const fcrCount = Math.round(group.length * story.fcr(m));
    const oneContact = new Set(shuffle([...group]).slice(0, fcrCount));
    for (const t of group) {
      t.contacts = oneContact.has(t) ? 1 : Number(pick({ 2: 0.7, 3: 0.22, 4: 0.08 }));

      const frtMinutes =
        t.channel === 'email'
          ? logNormal(story.emailFrtMedian(m), 0.6)
          : t.channel === 'chat'
            ? logNormal(1.2, 0.7)
            : logNormal(2.0, 0.6);
      t.firstResponse = t.created + Math.round(frtMinutes * 60) * 1000 + (t.channel === 'chat' ? randInt(0, 999) : 0);

      const channelFactor = { email: 0.8, chat: 1.2, phone: 1.1 }[t.channel];
      const thorough = t.contacts === 1 ? 1.08 : 0.88;
      t.handle = Math.max(45, Math.round(logNormalMean(story.ahtMinutes(m) * 60 * channelFactor * thorough, 0.4)));

      let resolved;
      if (t.contacts === 1) {
        resolved = t.firstResponse + t.handle * 1000 + (t.channel === 'email' ? randInt(0, 1800) * 1000 : 0);
      } else {
        const hours = logNormal(20 * (t.contacts - 1) * story.repeatSpeed(m), 0.55);
        resolved = t.firstResponse + Math.round(hours * 3600) * 1000;
      }
      // A few tickets are never resolved (customer went silent), and anything that would
      // resolve after the export is still open.
      if (rand() < 0.012 || resolved >= EXPORT) resolved = null;
      t.resolved = resolved;
      if (t.firstResponse >= EXPORT) t.firstResponse = null;
      if (resolved === null) t.contacts = null;
    }

    // Satisfaction survey after resolution: about half answer. The satisfied ones (4–5)
    // are drawn more often from first-contact resolutions.
    const answered = group.filter((t) => t.resolved !== null && rand() < 0.5);
    const satisfied = new Set(
      weightedSample(answered, Math.round(answered.length * story.csatTop2(m)), (t) => (t.contacts === 1 ? 2.2 : 1)),
    );
    for (const t of answered) {
      const happy = satisfied.has(t);
      t.csat = happy ? (rand() < 0.62 ? 5 : 4) : Number(pick({ 3: 0.45, 2: 0.25, 1: 0.3 }));
      // Customer effort score, 1 (very hard) to 7 (very easy); most who rate CSAT rate it.
      if (rand() < 0.85) {
        const mean = (happy ? 5.9 : 3.6) + story.cesShift(m) + (t.contacts === 1 ? 0.3 : -0.3);
        t.ces = clamp(Math.round(mean + normal() * 0.9), 1, 7);
      }
    }
  });

  const header = [
    'ticket_id',
    'channel',
    'team',
    'created_at',
    'first_response_at',
    'resolved_at',
    'handle_seconds',
    'contacts_to_resolve',
    'csat',
    'ces',
  ];
  const rows = tickets.map((t, i) => {
    // Each system exports time its own way: the email helpdesk in the team's local time
    // with an offset, the chat widget in UTC with milliseconds, the phone system in UTC
    // without a zone.
    const offset = TEAM_OFFSET[t.team](t.created);
    const fmt = (ms) =>
      ms === null
        ? null
        : t.channel === 'email'
          ? fmtLocal(ms, offset)
          : t.channel === 'chat'
            ? fmtUtcMillis(ms)
            : fmtNaive(ms);
    return [
      pad(100001 + i * 3 + (i % 3), 7), // zero-padded helpdesk numbers: see columns: in kpis.yaml
      t.channel,
      t.team,
      fmt(t.created),
      fmt(t.firstResponse),
      fmt(t.resolved),
      t.handle,
      t.contacts,
      t.csat ?? null,
      t.ces ?? null,
    ];
  });
  return toCsv(header, rows);
}

// ---------------------------------------------------------------------------------------
// NPS survey

const COMMENTS = {
  promoter: [
    'Love the family box, the kids fight over it',
    'Great value, great recipes',
    'Support sorted my delivery in one call, thanks!',
    'Best subscription I have',
    'Flexible, easy to pause, friendly people',
    'Recommended it to my sister, she loves it too',
    'The "surprise" item is always a hit',
  ],
  passive: [
    'Good, but a bit pricey',
    'Fine. Delivery window could be better',
    'OK most months; some boxes are "meh"',
    'Nice, though the app is slow',
    'Decent, nothing special',
  ],
  detractor: [
    'Had to contact support three times, each time a different answer',
    'Agent rushed me off the phone, problem not solved',
    'Box arrived damaged, refund took weeks',
    'Too expensive for what you get',
    'Cancelled twice, still charged.\nPlease fix your billing',
    'They said "it\'s resolved" but it was not',
    'Chat closed before I could reply, had to start over',
  ],
};

function generateSurvey() {
  const rows = [];
  let id = 1;
  for (let m = 0; m < MONTHS; m++) {
    const n = Math.round(story.surveys(m) + normal() * 3);
    const internal = Array.from({ length: n }, () => rand() < 0.05);
    const external = internal.filter((x) => !x).length;
    // Rounded counts of promoters and detractors so the month's NPS follows the story.
    const nps = story.nps(m) / 100;
    const passiveShare = 0.3 + normal() * 0.02;
    const promoters = Math.round((external * (1 - passiveShare + nps)) / 2);
    const detractors = Math.round((external * (1 - passiveShare - nps)) / 2);
    const kinds = shuffle([
      ...Array(promoters).fill('promoter'),
      ...Array(detractors).fill('detractor'),
      ...Array(external - promoters - detractors).fill('passive'),
    ]);
    const month = [];
    let k = 0;
    for (let i = 0; i < n; i++) {
      const ms = monthStart(m) + randInt(0, monthDays(m) * 86400 - 1) * 1000;
      if (internal[i]) {
        // Staff testing the survey: always glowing, and must be filtered out.
        month.push([ms, rand() < 0.7 ? 10 : 9, 'internal', 'staff', rand() < 0.5 ? 'test' : null]);
        continue;
      }
      const kind = kinds[k++];
      const score =
        kind === 'promoter'
          ? rand() < 0.55
            ? 10
            : 9
          : kind === 'passive'
            ? rand() < 0.5
              ? 8
              : 7
            : Number(pick({ 0: 0.04, 1: 0.03, 2: 0.05, 3: 0.1, 4: 0.13, 5: 0.3, 6: 0.35 }));
      const comment = rand() < 0.3 ? COMMENTS[kind][randInt(0, COMMENTS[kind].length - 1)] : null;
      month.push([
        ms,
        score,
        pick({ email: 0.5, in_app: 0.35, web: 0.15 }),
        rand() < 0.3 ? 'new' : 'established',
        comment,
      ]);
    }
    month.sort((a, b) => a[0] - b[0]);
    for (const [ms, score, channel, segment, comment] of month) {
      rows.push([`R${pad(id++, 5)}`, fmtUtc(ms), score, channel, segment, comment]);
    }
  }
  return toCsv(['response_id', 'submitted_at', 'Likelihood to recommend', 'channel', 'segment', 'comment'], rows);
}

// ---------------------------------------------------------------------------------------
// Subscriptions: a monthly snapshot, one row per customer per month in which the
// subscription was active. `churned_at` is set only in the row of the month the customer
// cancelled (the snapshot records what was known at the end of each month), and there
// are no rows after it.

const PLANS = ['solo', 'duo', 'family'];
const PRICE = { solo: 29, duo: 49, family: 79 };

function generateSubscriptions() {
  let nextId = 1;
  const newCustomer = (signup, plan) => ({ id: `C${pad(nextId++, 4)}`, signup, plan });
  const planMix = (m) => (m < 12 ? { solo: 0.5, duo: 0.35, family: 0.15 } : { solo: 0.42, duo: 0.38, family: 0.2 });

  // The base at the start of 2025: customers who signed up in 2023 and 2024.
  let active = [];
  const initialSignups = [];
  for (let i = 0; i < 140; i++) initialSignups.push(Date.UTC(2023, 0, 1) + randInt(0, 729) * DAY);
  initialSignups.sort((a, b) => a - b);
  for (const signup of initialSignups) active.push(newCustomer(signup, pick({ solo: 0.48, duo: 0.36, family: 0.16 })));

  const rows = [];
  for (let m = 0; m < MONTHS; m++) {
    // Churn among customers active at the start of the month (rounded count; cheaper
    // plans and customers in their first months leave more often).
    const churnCount = Math.round(active.length * story.churn(m));
    const tenureMonths = (c) => (monthStart(m) - c.signup) / (30.4 * DAY);
    const churners = new Set(
      weightedSample(
        active,
        churnCount,
        (c) => ({ solo: 1.3, duo: 1, family: 0.7 })[c.plan] * (tenureMonths(c) < 3 ? 1.6 : 1),
      ),
    );
    const signups = [];
    const n = Math.round(story.signups(m) + normal() * 2);
    const days = Array.from({ length: n }, () => randInt(0, monthDays(m) - 1)).sort((a, b) => a - b);
    for (const d of days) signups.push(newCustomer(monthStart(m) + d * DAY, pick(planMix(m))));

    const month = fmtDate(monthStart(m));
    for (const c of [...active, ...signups]) {
      const churnedAt = churners.has(c) ? fmtDate(monthStart(m) + randInt(0, monthDays(m) - 1) * DAY) : null;
      rows.push({
        month,
        customer_id: c.id,
        plan: c.plan,
        monthly_revenue: PRICE[c.plan],
        signup_date: fmtDate(c.signup),
        churned_at: churnedAt,
      });
    }
    active = [...active.filter((c) => !churners.has(c)), ...signups];
    // About 1% upgrade to the next plan from the following month.
    for (const c of active) if (c.plan !== 'family' && rand() < 0.01) c.plan = PLANS[PLANS.indexOf(c.plan) + 1];
  }
  // A JSON array, one object per line: readable, and diffs stay small.
  return '[\n' + rows.map((r) => JSON.stringify(r)).join(',\n') + '\n]\n';
}

// ---------------------------------------------------------------------------------------
// Web sessions

function generateSessions() {
  const lines = [];
  let id = 1;
  for (let m = 0; m < MONTHS; m++) {
    const n = Math.round(story.sessions(m) + normal() * 5);
    const conversions = Math.round(n * story.conversion(m));
    const converted = new Set(shuffle([...Array(n).keys()]).slice(0, conversions));
    const starts = Array.from({ length: n }, () => businessInstant(m, () => 60)).sort((a, b) => a - b);
    for (let i = 0; i < n; i++) {
      const isConverted = converted.has(i);
      // Checkout pages: five before the one-page checkout of March 2026, two after.
      const checkout = isConverted ? (m < 14 ? 5 : 2) : 0;
      const browse = 1 + Math.floor(-Math.log(1 - rand()) * (story.pagesPerVisit(m) - 0.7));
      // Some browsers block the page counter: pages_viewed is then missing.
      const pages = rand() < 0.03 ? null : browse + checkout;
      lines.push(
        JSON.stringify({
          session_id: `S${pad(id++, 5)}`,
          started_at: fmtUtc(starts[i]),
          pages_viewed: pages,
          converted: isConverted,
          source: pick({ organic: 0.38, paid_search: 0.24, social: 0.16, email: 0.12, direct: 0.1 }),
        }),
      );
    }
  }
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------

mkdirSync(outDir, { recursive: true });
const files = {
  'tickets.csv': generateTickets(),
  'nps_survey.csv': generateSurvey(),
  'subscriptions.json': generateSubscriptions(),
  'web_sessions.jsonl': generateSessions(),
};
let total = 0;
for (const [name, text] of Object.entries(files)) {
  writeFileSync(path.join(outDir, name), text);
  const bytes = Buffer.byteLength(text);
  total += bytes;
  console.log(`samples/data/${name}  ${(bytes / 1024).toFixed(0)} KB`);
}
console.log(`total  ${(total / 1024).toFixed(0)} KB`);
