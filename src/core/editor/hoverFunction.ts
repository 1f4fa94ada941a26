/** The hover over a function name in a formula: its signature and meaning. */
import { functionInfo } from '../formula';
import { codeBlock, inlineCode } from './markdown';

export function functionHover(name: string): string | undefined {
  const f = functionInfo(name);
  if (!f) return undefined;
  const kind = f.aggregate
    ? 'Aggregate: turns the rows of each period into one value (sourced KPIs only).'
    : 'Scalar: works on one value at a time.';
  const where = f.where ? ` Takes an optional trailing ${inlineCode('where P')} that limits the rows it sees.` : '';
  return `${codeBlock(f.signature)}\n\n${f.description}\n\n${kind}${where}`;
}
