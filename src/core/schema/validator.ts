import type { ErrorObject, ValidateFunction } from 'ajv';
import compiledValidator from './kpiFileValidator.generated';

export { kpiSchema } from './schemaJson';

/** The schema precompiled at build time (ajv standalone): nothing is compiled at run time. */
const validate = compiledValidator as unknown as ValidateFunction;

/** Validates a KPI file's data; returns ajv's errors (none when the data is valid). */
export function validateKpiData(data: unknown): ErrorObject[] {
  return validate(data) ? [] : [...(validate.errors ?? [])];
}
