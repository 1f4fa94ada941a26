import type { Finding, RawFinding } from '../model/finding';
import { checkFormulas } from './formulaChecks';
import type { FormulaCheck, KpiFormulas } from './formulaChecks';
import type { Grain, Kpi, KpiFile } from '../model/kpiFile';
import { RULES } from './rules';
import type { Report, RuleContext } from './rules/rule';
import { effectiveGrains } from './grains';
import { kpiGraph, type KpiGraph } from './kpiGraph';
import { kpisById } from '../model/lookup';
import { applySeverity, resolveRuleConfig, type RuleConfig } from './severity';
import { resolveSource, type DataLoader, type EngineCatalog, type SourceState } from '../data/sources';
import { todayUtc } from '../data/dates';
import { loadKpiFile, type LoadedFile } from '../yaml/loadKpiFile';
import * as path from 'node:path';

export interface AnalysisOptions {
  /** Absolute path of the KPI file; sources resolve from its folder. Undefined for an unsaved file. */
  filePath?: string;
  /** The folder sources may not leave; defaults to the KPI file's folder. */
  workspaceRoot?: string;
  allowOutside?: boolean;
  /** `YYYY-MM-DD`; defaults to the current UTC date. */
  today?: string;
  /** Reads data files; without one, sources are not read. */
  loader?: DataLoader;
  /** What the adapter's engines know of database, Parquet and glob sources (see engineSources.ts). */
  engines?: EngineCatalog;
  /** The file's bytes were not UTF-8 (the reader decoded them with U+FFFD): a yaml-syntax error. */
  notUtf8?: boolean;
}

/** Everything known about one version of a KPI file: shared by every check, hover and lens. */
export interface Analysis {
  text: string;
  /** What it was computed with (an incremental re-analysis needs the same; see incremental.ts). */
  options: AnalysisOptions;
  filePath: string | undefined;
  today: string;
  loaded: LoadedFile;
  model: KpiFile;
  sources: ReadonlyMap<string, SourceState>;
  formulas: ReadonlyMap<number, KpiFormulas>;
  /** The formula checks' findings, in whole and by KPI. */
  formulaCheck: FormulaCheck;
  /** Derived KPIs' references and their strongly connected components. */
  graph: KpiGraph;
  /** The grain each KPI's values come in (a derived KPI takes its inputs'). */
  grains: ReadonlyMap<Kpi, Grain | undefined>;
  ruleConfig: ReadonlyMap<string, RuleConfig>;
  /** Findings with their configured severity, in file order (rules set to off left out). */
  findings: Finding[];
  /** Every rule's findings before the `rules:` map applies: what evaluation reads. */
  checked: readonly RawFinding[];
}

/** Loads, resolves and checks a KPI file. Never throws on any input. */
export function analyze(text: string, options: AnalysisOptions = {}): Analysis {
  return analyzeLoaded(text, loadKpiFile(text, { notUtf8: options.notUtf8 ?? false }), options);
}

/**
 * analyze() of a text already loaded by loadKpiFile (with the same notUtf8), so that an
 * adapter that reads the model first (the CLI, for the sources its engines describe) parses
 * the file once. Never throws on any input.
 */
export function analyzeLoaded(text: string, loaded: LoadedFile, options: AnalysisOptions = {}): Analysis {
  const model = loaded.model;
  const baseDir = options.filePath ? path.dirname(options.filePath) : undefined;
  const sources = new Map<string, SourceState>();
  for (const source of model.sources) {
    if (sources.has(source.name)) continue;
    sources.set(
      source.name,
      resolveSource(
        source,
        {
          baseDir,
          workspaceRoot: options.workspaceRoot ?? baseDir,
          allowOutside: options.allowOutside ?? false,
          loader: options.loader,
          engines: options.engines,
        },
        model,
      ),
    );
  }
  return completeAnalysis(text, options, loaded, sources, checkFormulas(model, sources));
}

/**
 * The rest of an analysis once the file is loaded, its sources resolved and its formulas
 * checked: the KPI graph, grains and every rule (shared with the incremental re-analysis).
 */
export function completeAnalysis(
  text: string,
  options: AnalysisOptions,
  loaded: LoadedFile,
  sources: ReadonlyMap<string, SourceState>,
  formulaCheck: FormulaCheck,
): Analysis {
  const model = loaded.model;
  const { formulas, findings: formulaFindings } = formulaCheck;
  // The derived-KPI graph and grains, built once: the loop and grain rules and evaluation share them.
  const graph = kpiGraph(model, formulas, kpisById(model));
  const grains = effectiveGrains(model, graph);
  const ruleConfig = resolveRuleConfig(RULES, model.rules);
  const today = options.today ?? todayUtc();
  const raw: RawFinding[] = [];
  for (const rule of RULES) {
    // Every rule runs, even one set to off: evaluation reads what the checks found
    // (`checked`), and a severity must never change what is computed (SPEC 4).
    const config = ruleConfig.get(rule.id);
    const report = (finding: Report): void => {
      raw.push({ ...finding, rule: rule.id });
    };
    const ctx: RuleContext = {
      model,
      loaded,
      options: config?.options ?? {},
      today,
      sources,
      formulas,
      formulaFindings,
      graph,
      grains,
      report,
    };
    try {
      rule.check(ctx);
    } catch (error) {
      // A rule that fails must not take the others down; say so where the user looks.
      raw.push({
        rule: rule.id,
        message: `KPI Lens could not run the check "${rule.id}": ${(error as Error).message}. Please report this.`,
        range: { start: 0, end: Math.min(1, text.length) },
      });
    }
  }
  const findings = applySeverity(raw, ruleConfig).sort(
    (a, b) => a.range.start - b.range.start || a.range.end - b.range.end || a.rule.localeCompare(b.rule),
  );
  return {
    text,
    options,
    filePath: options.filePath,
    today,
    loaded,
    model,
    sources,
    formulas,
    formulaCheck,
    graph,
    grains,
    ruleConfig,
    findings,
    checked: raw,
  };
}
