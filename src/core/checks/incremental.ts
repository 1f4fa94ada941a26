import type { RawFinding } from '../model/finding';
import type { Kpi, KpiFile } from '../model/kpiFile';
import { kpisById } from '../model/lookup';
import { shiftFinding, shiftModelInPlace, type Shift } from '../model/shift';
import { kpiFromNode, type LoadedFile } from '../yaml/loadKpiFile';
import { kpiSchemaFindings, sortFindings } from '../schema/findings';
import { applySplice, readKpiSplice } from '../yaml/spliceKpi';
import { analyze, completeAnalysis, type Analysis, type AnalysisOptions } from './analysis';
import { checkKpiFormulas, joinFormulaCheck, type FormulaCheck } from './formulaChecks';

/**
 * The analysis of `text`, a new version of `previous.text`: when the edit stayed inside one
 * item of the `kpis:` list (see readKpiSplice), only that item is parsed and its formulas
 * checked again, the rest of the file's model, formulas and findings reused (moved by the
 * length change); anything else is analysed afresh. The result is always the same as
 * `analyze(text, options)` (a test checks it edit by edit). `previous` is superseded: its
 * syntax tree becomes the new analysis' (see applySplice), so it must not be used afterwards.
 */
export function reanalyze(previous: Analysis, text: string, options: AnalysisOptions = {}): Analysis {
  if (sameOptions(previous.options, options)) {
    try {
      const again = incrementally(previous, text, options);
      if (again) return again;
    } catch {
      // Never a crash over an odd tree: the full analysis below says what is wrong with it.
    }
  }
  return analyze(text, options);
}

function incrementally(previous: Analysis, text: string, options: AnalysisOptions): Analysis | undefined {
  if (options.notUtf8) return undefined;
  const splice = readKpiSplice(previous.loaded, previous.text, text);
  if (!splice) return undefined;
  const shift: Shift = { from: splice.oldEnd, delta: splice.delta };
  applySplice(previous.loaded.doc, splice);
  const doc = previous.loaded.doc;
  const kpi = kpiFromNode(text, doc, splice.node, splice.index);
  // Findings reused from the previous analysis are moved first, as copies: some share a
  // range object with the model (a formula's range), which is then moved in place.
  const reused = movedFindings(previous.formulaCheck, splice.index, shift);
  const otherSchema = previous.checked.flatMap((f) =>
    f.rule !== 'schema' || (f.range.start >= splice.start && f.range.start < splice.oldEnd)
      ? []
      : [shiftFinding(f, shift)],
  );
  const model = splicedModel(previous.model, text, kpi, shift);
  const oldData = previous.loaded.data as { kpis: unknown[] };
  const kpisData = oldData.kpis.slice();
  kpisData[splice.index] = splice.data;
  const loaded: LoadedFile = { model, doc, data: { ...oldData, kpis: kpisData }, findings: [] };
  // The schema's findings of the other KPIs and of the rest of the file stay; the edited KPI's are found again.
  loaded.schema = sortFindings([...otherSchema, ...kpiSchemaFindings(loaded, splice.index)]);
  const formulaCheck = splicedFormulas(previous, model, splice.index, reused);
  return completeAnalysis(text, options, loaded, previous.sources, formulaCheck);
}

/** Everything an analysis depends on besides the text; the reader is compared by identity. */
function sameOptions(a: AnalysisOptions, b: AnalysisOptions): boolean {
  return (
    a.filePath === b.filePath &&
    a.workspaceRoot === b.workspaceRoot &&
    (a.allowOutside ?? false) === (b.allowOutside ?? false) &&
    a.loader === b.loader &&
    (a.notUtf8 ?? false) === (b.notUtf8 ?? false)
  );
}

/**
 * The previous model with one KPI replaced and the ranges of everything after it moved, in
 * place: the other KPIs stay the same objects (what the graph and grains are keyed by).
 */
function splicedModel(previous: KpiFile, text: string, kpi: Kpi, shift: Shift): KpiFile {
  const kpis = previous.kpis.slice();
  kpis[kpi.index] = kpi;
  for (let i = kpi.index + 1; i < kpis.length; i++) shiftModelInPlace(kpis[i], shift);
  const model: KpiFile = { ...previous, text, kpis };
  for (const part of [model.goals, model.sources, model.rules, model.version, model.goalsKeyRange, model.goalsRange])
    shiftModelInPlace(part, shift);
  return model;
}

/**
 * The formula checks of the new model: the edited KPI's checked again, every other's
 * reused (their findings moved). A derived formula names other KPIs: when the edit changed
 * the set of KPI ids, the derived ones are checked again too.
 */
function splicedFormulas(
  previous: Analysis,
  model: KpiFile,
  index: number,
  reused: { perKpi: RawFinding[][]; timeFindings: RawFinding[] },
): FormulaCheck {
  const before = previous.formulaCheck;
  const idsChanged = !sameKeys(kpisById(previous.model), kpisById(model));
  const kpiIds = new Set(kpisById(model).keys());
  const formulas = new Map(before.formulas);
  const perKpi = reused.perKpi;
  for (const kpi of model.kpis) {
    if (kpi.index !== index && !(idsChanged && !kpi.source)) continue;
    const { entry, findings } = checkKpiFormulas(kpi, previous.sources, kpiIds);
    formulas.set(kpi.index, entry);
    perKpi[kpi.index] = findings;
  }
  return joinFormulaCheck(formulas, perKpi, reused.timeFindings);
}

/** The previous formula findings, those after the edit moved (copies). */
function movedFindings(
  before: FormulaCheck,
  index: number,
  shift: Shift,
): { perKpi: RawFinding[][]; timeFindings: RawFinding[] } {
  return {
    perKpi: before.perKpi.map((found, i) =>
      i <= index || found.length === 0 ? found : found.map((f) => shiftFinding(f, shift)),
    ),
    timeFindings: before.timeFindings.map((f) => shiftFinding(f, shift)),
  };
}

function sameKeys(a: ReadonlyMap<string, unknown>, b: ReadonlyMap<string, unknown>): boolean {
  if (a.size !== b.size) return false;
  for (const key of a.keys()) if (!b.has(key)) return false;
  return true;
}
