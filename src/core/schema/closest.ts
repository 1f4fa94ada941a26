/** Did-you-mean for keys and values: one policy for the whole product, in core/suggest.ts. */
export { editDistance, closestMatch } from '../suggest';
