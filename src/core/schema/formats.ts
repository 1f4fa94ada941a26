import { isDate } from '../data/dates';

/**
 * The string formats the schema uses, shared by the ajv instance that compiles it and by
 * the precompiled validator (which requires this module by name). ajv-formats is not a
 * dependency: `date` is the only format.
 */
export const formats = {
  date: { type: 'string' as const, validate: isDate },
};
