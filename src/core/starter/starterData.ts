// Small sample data for the starter kpis.yaml (kpiLens.newFile): six months of support
// tickets, NPS answers, subscriptions and web sessions, as CSV. Deterministic: a seeded
// PRNG (common/random.ts, as scripts/generate-samples.mjs) and exact shares per month, so the
// values follow the story curves below closely and do not depend on the day it is made;
// only the months move, to the six full months before "today".
import { mulberry32 } from '../common/random';
import { MS_PER_DAY } from '../data/dates';

const SEED = 20260106;
export const STARTER_MONTHS = 6;

/** Linear from `from` in the first month to `to` in the last. */
const line =
  (from: number, to: number) =>
  (m: number): number =>
    from + ((to - from) * m) / (STARTER_MONTHS - 1);

/** The story: support gets faster, customers a little happier, the shop converts better. */
export const STARTER_STORY = {
  tickets: line(70, 78),
  fcr: line(0.7, 0.735),
  csatTop2: line(0.8, 0.855),
  cesShift: line(-0.2, 0.15),
  emailFrtMinutes: line(95, 58),
  multiContactHours: line(30, 26),
  ahtMinutes: line(9.2, 8.2),
  promoters: line(0.48, 0.52),
  detractors: line(0.2, 0.16),
  surveys: line(45, 50),
  churn: line(0.072, 0.062),
  signups: line(11, 13),
  sessions: line(120, 130),
  conversion: line(0.05, 0.062),
  pagesPerVisit: line(3.5, 3.8),
};

interface Random {
  next: () => number;
  int: (lo: number, hi: number) => number;
  normal: () => number;
  logNormal: (median: number, sigma: number) => number;
  shuffle: <T>(list: T[]) => T[];
  pick: <T extends string>(weights: Record<T, number>) => T;
}

function random(seed: number): Random {
  const next = mulberry32(seed);
  const normal = (): number => {
    let u = 0;
    while (u === 0) u = next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    normal,
    logNormal: (median, sigma) => median * Math.exp(sigma * normal()),
    shuffle: (list) => {
      for (let i = list.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [list[i], list[j]] = [list[j]!, list[i]!];
      }
      return list;
    },
    pick: (weights) => {
      const entries = Object.entries(weights) as [never, number][];
      let r = next() * entries.reduce((s, [, w]) => s + w, 0);
      for (const [key, w] of entries) if ((r -= w) < 0) return key;
      return entries[entries.length - 1]![0];
    },
  };
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const isoTime = (ms: number): string => `${new Date(ms).toISOString().slice(0, 19)}Z`;

function csv(header: string[], rows: (string | number | boolean | null)[][]): string {
  return [header, ...rows].map((r) => r.map((v) => (v === null ? '' : String(v))).join(',')).join('\n') + '\n';
}

/** Month starts (UTC ms) of the data: the six full months before the month of `today` (YYYY-MM-DD). */
export function starterMonths(today: string): number[] {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7)) - 1;
  return Array.from({ length: STARTER_MONTHS }, (_, m) => Date.UTC(year, month - STARTER_MONTHS + m, 1));
}

/** A random instant in month `m` during office hours (08:00–18:59 UTC). */
function officeInstant(rnd: Random, months: number[], m: number): number {
  const start = months[m]!;
  const days = Math.round(
    (Date.UTC(new Date(start).getUTCFullYear(), new Date(start).getUTCMonth() + 1, 1) - start) / MS_PER_DAY,
  );
  return start + rnd.int(0, days - 1) * MS_PER_DAY + rnd.int(8, 18) * 3_600_000 + rnd.int(0, 3599) * 1000;
}

function tickets(rnd: Random, months: number[]): string {
  const s = STARTER_STORY;
  const rows: (string | number | null)[][] = [];
  let id = 1;
  months.forEach((_, m) => {
    const n = Math.round(s.tickets(m));
    const group = Array.from({ length: n }, () => ({
      channel: rnd.pick({ email: 0.45, chat: 0.35, phone: 0.2 }),
      created: officeInstant(rnd, months, m),
    })).sort((a, b) => a.created - b.created);
    const oneContact = new Set(rnd.shuffle([...group.keys()]).slice(0, Math.round(n * s.fcr(m))));
    const answered = rnd.shuffle([...group.keys()]).slice(0, Math.round(n * 0.5));
    const happy = new Set(answered.slice(0, Math.round(answered.length * s.csatTop2(m))));
    const surveyed = new Set(answered);
    group.forEach((t, i) => {
      const contacts = oneContact.has(i) ? 1 : rnd.pick({ 2: 0.75, 3: 0.25 }) === '2' ? 2 : 3;
      const frtMinutes =
        t.channel === 'email'
          ? rnd.logNormal(s.emailFrtMinutes(m), 0.45)
          : t.channel === 'chat'
            ? 1 + rnd.next()
            : 2 + rnd.next() * 2;
      const firstResponse = t.created + Math.round(frtMinutes * 60) * 1000;
      const handle = Math.max(60, Math.round(rnd.logNormal(s.ahtMinutes(m) * 60, 0.3)));
      const resolved =
        contacts === 1
          ? firstResponse + handle * 1000 + rnd.int(0, 1800) * 1000
          : firstResponse + Math.round(rnd.logNormal(s.multiContactHours(m) * (contacts - 1) * 0.8, 0.4) * 3600) * 1000;
      let csat: number | null = null;
      let ces: number | null = null;
      if (surveyed.has(i)) {
        csat = happy.has(i) ? (rnd.next() < 0.6 ? 5 : 4) : rnd.int(1, 3);
        const mean = (happy.has(i) ? 6 : 3.8) + s.cesShift(m) + (contacts === 1 ? 0.3 : -0.3);
        ces = Math.min(7, Math.max(1, Math.round(mean + rnd.normal() * 0.7)));
      }
      rows.push([
        `T${pad(id++, 5)}`,
        t.channel,
        isoTime(t.created),
        isoTime(firstResponse),
        isoTime(resolved),
        handle,
        contacts,
        csat,
        ces,
      ]);
    });
  });
  return csv(
    [
      'ticket_id',
      'channel',
      'created_at',
      'first_response_at',
      'resolved_at',
      'handle_seconds',
      'contacts_to_resolve',
      'csat',
      'ces',
    ],
    rows,
  );
}

function survey(rnd: Random, months: number[]): string {
  const s = STARTER_STORY;
  const rows: (string | number)[][] = [];
  let id = 1;
  months.forEach((_, m) => {
    const n = Math.round(s.surveys(m));
    const promoters = Math.round(n * s.promoters(m));
    const detractors = Math.round(n * s.detractors(m));
    const scores = Array.from({ length: n }, (_, i) =>
      i < promoters
        ? rnd.int(9, 10)
        : i < promoters + detractors
          ? rnd.pick({ 0: 1, 3: 1, 5: 2, 6: 3 })
          : rnd.int(7, 8),
    );
    const answers = rnd
      .shuffle(scores)
      .map((score) => ({ score: Number(score), at: officeInstant(rnd, months, m) }))
      .sort((a, b) => a.at - b.at);
    for (const a of answers)
      rows.push([`R${pad(id++, 4)}`, isoTime(a.at), a.score, rnd.pick({ web: 0.6, email: 0.4 })]);
  });
  return csv(['response_id', 'submitted_at', 'score', 'channel'], rows);
}

const PLANS = { solo: 29, duo: 49, family: 79 } as const;
type Plan = keyof typeof PLANS;

function subscriptions(rnd: Random, months: number[]): string {
  const s = STARTER_STORY;
  interface Customer {
    id: string;
    plan: Plan;
    signup: number;
  }
  const active: Customer[] = [];
  let next = 1;
  const customer = (signup: number, weights: Record<Plan, number>): Customer => ({
    id: `C${pad(next++, 4)}`,
    plan: rnd.pick(weights),
    signup,
  });
  // About 160 customers when the data starts, signed up over the two years before.
  for (let i = 0; i < 160; i++)
    active.push(customer(months[0]! - rnd.int(20, 730) * MS_PER_DAY, { solo: 0.5, duo: 0.32, family: 0.18 }));
  active.sort((a, b) => a.signup - b.signup);
  const rows: (string | number | null)[][] = [];
  months.forEach((start, m) => {
    const atStart = active.filter((c) => c.signup < start);
    const churning = new Set(rnd.shuffle([...atStart]).slice(0, Math.round(atStart.length * s.churn(m))));
    // New customers lean to the bigger plans as the year goes on.
    const shift = m / (STARTER_MONTHS - 1);
    for (let i = 0; i < Math.round(s.signups(m)); i++) {
      const at = officeInstant(rnd, months, m);
      active.push(
        customer(at - (at % MS_PER_DAY), {
          solo: 0.45 - 0.15 * shift,
          duo: 0.33 + 0.07 * shift,
          family: 0.22 + 0.08 * shift,
        }),
      );
    }
    for (const c of active) {
      const churned = churning.has(c) ? isoDate(start + rnd.int(0, 27) * MS_PER_DAY) : null;
      rows.push([isoDate(start), c.id, c.plan, PLANS[c.plan], isoDate(c.signup), churned]);
    }
    for (const c of churning) active.splice(active.indexOf(c), 1);
  });
  return csv(['month', 'customer_id', 'plan', 'monthly_revenue', 'signup_date', 'churned_at'], rows);
}

function sessions(rnd: Random, months: number[]): string {
  const s = STARTER_STORY;
  const rows: (string | number | boolean | null)[][] = [];
  let id = 1;
  months.forEach((_, m) => {
    const n = Math.round(s.sessions(m));
    const converted = new Set(rnd.shuffle([...Array(n).keys()]).slice(0, Math.round(n * s.conversion(m))));
    const list = Array.from({ length: n }, (_, i) => ({
      at: officeInstant(rnd, months, m),
      converted: converted.has(i),
    })).sort((a, b) => a.at - b.at);
    for (const x of list) {
      // Some browsers block the page counter: no value.
      const pages = rnd.next() < 0.05 ? null : Math.max(1, Math.round(rnd.logNormal(s.pagesPerVisit(m), 0.45)));
      rows.push([`S${pad(id++, 5)}`, isoTime(x.at), pages, x.converted]);
    }
  });
  return csv(['session_id', 'started_at', 'pages_viewed', 'converted'], rows);
}

/** The starter's data files, by path relative to the KPI file's folder. */
export function starterData(today: string): Record<string, string> {
  const months = starterMonths(today);
  const rnd = random(SEED);
  return {
    'data/tickets.csv': tickets(rnd, months),
    'data/nps_survey.csv': survey(rnd, months),
    'data/subscriptions.csv': subscriptions(rnd, months),
    'data/web_sessions.csv': sessions(rnd, months),
  };
}
