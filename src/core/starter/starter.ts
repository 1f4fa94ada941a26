// The starter of kpiLens.newFile: a kpis.yaml with a small goal tree and the seed
// customer-experience KPIs (NPS, CSAT, CES, churn, retention, CLV, conversion, FCR, FRT,
// ART, AHT, pages per visit), and six months of sample data next to it. It passes
// `kpi-lens check` without an error or a warning (a test says so).
import { formatDate, MS_PER_DAY, parseDateTime, todayUtc } from '../data/dates';
import { starterData, starterMonths, STARTER_MONTHS } from './starterData';

export interface StarterFiles {
  /** The KPI file's name: `kpis.yaml`. */
  kpiFile: string;
  /** Every file to write, by path relative to the folder picked (the KPI file first). */
  files: Record<string, string>;
}

/** The last day of the month `offset` months after the month of `ms`. */
function monthEnd(ms: number, offset: number): string {
  const d = new Date(ms);
  return formatDate(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset + 1, 1) - MS_PER_DAY);
}

/**
 * The starter's files for `today` (YYYY-MM-DD, default the current UTC date): the data
 * covers the six full months before it, baselines are dated at the end of the first of
 * them, and targets are due six months after today's month ends.
 */
export function starterFiles(today: string = todayUtc()): StarterFiles {
  const months = starterMonths(today);
  const first = months[0]!;
  const now = parseDateTime(today) ?? Date.now();
  const asOf = monthEnd(first, 0);
  const due = monthEnd(now, 6);
  const firstLabel = formatDate(first).slice(0, 7);
  const lastLabel = formatDate(months[STARTER_MONTHS - 1]!).slice(0, 7);
  const text = STARTER_YAML.replace(/\{AS_OF\}/g, asOf)
    .replace(/\{DUE\}/g, due)
    .replace('{FROM}', firstLabel)
    .replace('{TO}', lastLabel);
  return { kpiFile: 'kpis.yaml', files: { 'kpis.yaml': text, ...starterData(today) } };
}

const STARTER_YAML = `# KPI definitions as code: goals, where the data is, and how each KPI is computed.
# Made by KPI Lens ("KPI: New KPI File…"). The data under data/ is made up ({FROM} to {TO}):
# replace a source's path with your own export and the values follow.
#
#   Hover over a KPI to see its value, trend and target; "KPI: Evaluate All KPIs" shows them all.
#   npx kpi-lens check kpis.yaml    # the same checks on the command line
#   npx kpi-lens eval kpis.yaml     # every KPI, computed

version: 1

# Goals: what the business set out to do. \`parent\` builds the tree. Every KPI below links
# to the goals it measures; a KPI linked to none is flagged as misaligned.
goals:
  - id: grow_revenue
    title: Grow monthly recurring revenue
    owner: ceo
  - id: retain_customers
    parent: grow_revenue
    title: Keep customers longer
    owner: cx-lead
  - id: delight_customers
    parent: retain_customers
    title: Customers who love us and tell their friends
    owner: cx-lead
  - id: efficient_support
    parent: retain_customers
    title: Resolve issues fast, and right the first time
    owner: support-lead
  - id: grow_online_sales
    parent: grow_revenue
    title: Turn more web shop visitors into subscribers
    owner: growth-lead

# Sources: where the rows come from, relative to this file. \`time\` dates each row, so
# that KPIs with a \`grain\` get one value per period.
sources:
  tickets:
    path: data/tickets.csv
    time: created_at
  nps_survey:
    path: data/nps_survey.csv
    time: submitted_at
  subscriptions:
    path: data/subscriptions.csv      # one row per customer per month
    time: month
  web_sessions:
    path: data/web_sessions.csv
    time: started_at

kpis:
  # --- Revenue and retention ---------------------------------------------------------
  - id: arpa
    name: Average revenue per account
    unit: currency
    currency: EUR
    indicator: lagging
    goals: [grow_revenue]
    source: subscriptions
    formula: sum(monthly_revenue) / count_distinct(customer_id)
    grain: month
    target:
      value: 46
      due: {DUE}
      baseline: { value: 44.5, as_of: {AS_OF} }
      warning: 45

  - id: clv
    name: Customer lifetime value
    description: Revenue per account over the expected lifetime (1 / monthly churn).
    unit: currency
    currency: EUR
    indicator: leading
    goals: [grow_revenue]
    formula: round(if(churn_rate > 0, arpa * 100 / churn_rate, null))   # derived: names other KPIs
    target:
      value: 800
      due: {DUE}
      baseline: { value: 620, as_of: {AS_OF} }
      warning: 700

  - id: churn_rate
    name: Monthly churn rate
    description: Share of the customers active at the start of the month who cancelled during it.
    unit: percent
    indicator: lagging
    goals: [retain_customers]
    source: subscriptions
    filter: signup_date < month          # customers who were already there on the 1st
    formula: pct(churned_at != null)
    grain: month
    target:
      value: 5
      direction: decrease
      due: {DUE}
      baseline: { value: 7.2, as_of: {AS_OF} }
      warning: 6.5

  - id: retention_rate
    name: Gross revenue retention
    unit: percent
    indicator: lagging
    goals: [retain_customers]
    source: subscriptions
    filter: signup_date < month
    formula: 100 * sum(monthly_revenue where churned_at == null) / sum(monthly_revenue)
    grain: month
    target:
      value: 95
      due: {DUE}
      baseline: { value: 92.8, as_of: {AS_OF} }
      warning: 93.5

  # --- Customer experience -----------------------------------------------------------
  - id: nps
    name: Net Promoter Score
    description: Promoters (score 9 or 10) minus detractors (0 to 6), in points.
    unit: score
    indicator: leading
    goals: [retain_customers, delight_customers]
    source: nps_survey
    formula: pct(score >= 9) - pct(score <= 6)
    grain: month
    target:
      value: 40
      due: {DUE}
      baseline: { value: 28, as_of: {AS_OF} }
      warning: 34
      benchmark: { value: 35, source: "industry median (illustrative)" }

  - id: csat
    name: Customer satisfaction (CSAT)
    description: Share of answered post-ticket surveys rating 4 or 5 out of 5.
    unit: percent
    indicator: lagging
    goals: [delight_customers]
    source: tickets
    formula: 100 * count(csat >= 4) / count(csat != null)
    grain: month
    target:
      value: 88
      due: {DUE}
      baseline: { value: 80, as_of: {AS_OF} }
      warning: 84

  - id: ces
    name: Customer effort score
    description: '"The company made it easy to handle my issue": 1 (hard) to 7 (easy).'
    unit: score
    indicator: leading
    goals: [delight_customers]
    source: tickets
    formula: round(avg(ces), 2)
    grain: month
    target:
      value: 6.2
      due: {DUE}
      baseline: { value: 5.3, as_of: {AS_OF} }
      warning: 5.8

  # --- Support operations ------------------------------------------------------------
  - id: fcr
    name: First-contact resolution
    unit: percent
    indicator: leading
    goals: [efficient_support]
    source: tickets
    filter: resolved_at != null
    formula: pct(contacts_to_resolve == 1)
    grain: month
    target:
      value: 80
      due: {DUE}
      baseline: { value: 70, as_of: {AS_OF} }
      warning: 76

  - id: frt
    name: First response time (email)
    unit: duration
    per: minutes
    indicator: leading
    goals: [efficient_support]
    guardrails: [ces]                    # faster replies must not make issues harder to solve
    source: tickets
    formula: median(minutes_between(created_at, first_response_at) where channel == "email")
    grain: month
    target:
      value: 60
      direction: decrease
      due: {DUE}
      baseline: { value: 95, as_of: {AS_OF} }
      warning: 75

  - id: art
    name: Average resolution time
    unit: duration
    per: hours
    indicator: lagging
    goals: [efficient_support]
    guardrails: [csat]
    source: tickets
    formula: avg(hours_between(created_at, resolved_at) where resolved_at != null)
    grain: month
    target:
      value: 6
      direction: decrease
      due: {DUE}
      baseline: { value: 10, as_of: {AS_OF} }
      warning: 8

  - id: aht
    name: Average handle time
    description: Agent time per ticket, in minutes.
    unit: duration
    per: minutes
    indicator: leading
    goals: [efficient_support]
    guardrails: [fcr, csat]              # handle time bought by rushing customers shows here
    source: tickets
    formula: avg(handle_seconds) / 60
    grain: month
    target:
      value: 8
      direction: decrease
      due: {DUE}
      baseline: { value: 9.5, as_of: {AS_OF} }
      warning: 8.8

  # --- Web shop ----------------------------------------------------------------------
  - id: conversion_rate
    name: Web shop conversion rate
    unit: percent
    indicator: lagging
    goals: [grow_online_sales]
    source: web_sessions
    formula: pct(converted)
    grain: month
    target:
      value: 6
      due: {DUE}
      baseline: { value: 5, as_of: {AS_OF} }
      warning: 5.5

  - id: pages_per_visit
    name: Pages per visit
    unit: number
    indicator: leading
    goals: [grow_online_sales]
    source: web_sessions
    formula: round(avg(coalesce(pages_viewed, 1)), 2)   # a blocked counter saw at least one page
    grain: month
    target:
      value: 4.5
      due: {DUE}
      baseline: { value: 3.9, as_of: {AS_OF} }
      warning: 4.2

# Rule severities, shared by the editor and the CLI: off | info | warning | error.
rules:
  goal-too-many-kpis: [info, { max: 5 }]
`;
