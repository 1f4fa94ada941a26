import schemaJson from '../../../schemas/kpis.schema.json';

/** The JSON Schema of a KPI file (`schemas/kpis.schema.json`), as shipped to Red Hat's YAML extension. */
export const kpiSchema: Readonly<Record<string, unknown>> = schemaJson;
