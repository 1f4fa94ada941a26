/** Did-you-mean for unknown names: one policy for the whole product, in core/suggest.ts. */
export { editDistance, closestMatch as closest } from '../suggest';
