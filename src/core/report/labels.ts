import type { Kpi, KpiFile } from '../model';
import type { UnitLabel } from '../format/number';

export function unitLabelOf(kpi: Kpi): UnitLabel {
  return { unit: kpi.unit?.value, per: kpi.per?.value, currency: kpi.currency?.value };
}

export function unitLabels(model: KpiFile): Map<string, UnitLabel> {
  const labels = new Map<string, UnitLabel>();
  for (const kpi of model.kpis) if (kpi.id && !labels.has(kpi.id.value)) labels.set(kpi.id.value, unitLabelOf(kpi));
  return labels;
}
