import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import schemaJson from '../../../schemas/kpis.schema.json';
import { isDate } from '../data/dates';

/** The JSON Schema of a KPI file (`schemas/kpis.schema.json`), as shipped to Red Hat's YAML extension. */
export const kpiSchema: Readonly<Record<string, unknown>> = schemaJson;

/** Keywords only editors read (VS Code's JSON/YAML language services); ajv treats them as annotations. */
const EDITOR_KEYWORDS = ['markdownDescription', 'defaultSnippets'] as const;

/** Builds the ajv instance the schema is compiled with: draft-07, strict, every error reported. */
export function createAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: true });
  for (const keyword of EDITOR_KEYWORDS) ajv.addKeyword({ keyword });
  // ajv-formats is not a dependency; `date` is the only format the schema uses.
  ajv.addFormat('date', { type: 'string', validate: isDate });
  return ajv;
}

/** The compiled schema, built on first use and then shared (compiling costs far more than validating). */
const compiled: { validate?: ValidateFunction } = {};

function validator(): ValidateFunction {
  compiled.validate ??= createAjv().compile(kpiSchema);
  return compiled.validate;
}

/** Validates a KPI file's data; returns ajv's errors (none when the data is valid). */
export function validateKpiData(data: unknown): ErrorObject[] {
  const validate = validator();
  return validate(data) ? [] : [...(validate.errors ?? [])];
}
