import type { Finding, RawFinding, Severity } from '../model/finding';
import type { RuleSetting } from '../model/kpiFile';
import type { Rule } from './rules/rule';

export interface RuleConfig {
  severity: Severity | 'off';
  options: Record<string, unknown>;
}

/**
 * Each rule's severity and options: the default, overridden by the file's `rules:` map.
 * Invalid entries are reported by the schema rule and leave the default in place.
 */
export function resolveRuleConfig(rules: readonly Rule[], settings: readonly RuleSetting[]): Map<string, RuleConfig> {
  const config = new Map<string, RuleConfig>();
  for (const rule of rules) {
    const options: Record<string, unknown> = {};
    for (const [name, option] of Object.entries(rule.options ?? {})) options[name] = option.default;
    config.set(rule.id, { severity: rule.defaultSeverity, options });
  }
  for (const setting of settings) {
    const rule = rules.find((r) => r.id === setting.rule);
    const current = config.get(setting.rule);
    if (!rule || !current) continue;
    if (setting.severity && !rule.fixedSeverity) {
      const s = setting.severity.value;
      current.severity = s === 'warn' ? 'warning' : s;
    }
    for (const [name, option] of Object.entries(rule.options ?? {})) {
      const v = setting.options[name];
      if (typeof v === 'number' && Number.isInteger(v) && v >= option.minimum) current.options[name] = v;
    }
  }
  return config;
}

/** Gives raw findings their configured severity and drops those of rules turned off. */
export function applySeverity(findings: readonly RawFinding[], config: ReadonlyMap<string, RuleConfig>): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    const severity = config.get(f.rule)?.severity ?? f.severity ?? 'error';
    if (severity === 'off') continue;
    out.push({ ...f, severity });
  }
  return out;
}
