import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  formatJudgedValue,
  formatNumber,
  formatProgress,
  formatStatedNumber,
  formatStatedValue,
  formatValue,
} from '../../../src/core/presentation/number';

test('whole numbers as they are, others with at least one decimal place, small ones with two significant digits', () => {
  assert.equal(formatNumber(50), '50');
  assert.equal(formatNumber(1204), '1,204');
  assert.equal(formatNumber(38.25), '38.3');
  assert.equal(formatNumber(0.0123), '0.012');
  assert.equal(formatNumber(0.5), '0.50');
  assert.equal(formatNumber(Number.NaN), 'NaN');
});

test('negative numbers carry the minus sign of SPEC 7 (−33.3), not a hyphen', () => {
  assert.equal(formatNumber(-100 / 3), '\u221233.3');
  assert.equal(formatNumber(-1204), '\u22121,204');
  assert.equal(formatValue(-7.25, { unit: 'percent' }), '\u22127.3%');
  assert.ok(!formatNumber(-0.004).includes('-'));
});

test('a value that would round onto its target or warning level shows the decimals that tell them apart', () => {
  assert.equal(formatNumber(5.96, [6]), '5.96'); // "6.0" would read as met
  assert.equal(formatNumber(6.04, [6]), '6.04');
  assert.equal(formatNumber(49.9996, [50]), '49.9996');
  assert.equal(formatNumber(100 / 3, [33.33]), '33.333');
  assert.equal(formatNumber(5.5, [6]), '5.5'); // already distinct: no extra decimals
  assert.equal(formatNumber(6, [6]), '6');
  assert.equal(formatNumber(6 + 1e-12, [6]), '6.000000'); // at most six decimals
  assert.equal(formatNumber(-4.96, [-5]), '\u22124.96');
});

test('formatJudgedValue judges against the target and the warning level, with the unit', () => {
  const target = { value: 50, warning: 40 };
  assert.equal(formatJudgedValue({ value: 49.97, target }, { unit: 'percent' }), '49.97%');
  assert.equal(formatJudgedValue({ value: 39.96, target }, { unit: 'percent' }), '39.96%');
  assert.equal(formatJudgedValue({ value: 45.25, target }, { unit: 'percent' }), '45.3%');
  assert.equal(
    formatJudgedValue({ value: 5.96, target: { value: 6, warning: null } }, { unit: 'duration', per: 'minutes' }),
    '5.96 min',
  );
  assert.equal(formatJudgedValue({ value: 5.96, target: null }, { unit: 'duration', per: 'minutes' }), '6.0 min');
  assert.equal(formatJudgedValue({ value: null, target }, {}), 'no data');
});

test('numbers the author wrote keep their decimals (up to six), at least one unless whole', () => {
  assert.equal(formatStatedNumber(33.34), '33.34');
  assert.equal(formatStatedNumber(1000), '1,000');
  assert.equal(formatStatedNumber(7.5), '7.5');
  assert.equal(formatStatedNumber(0.1234567), '0.123457');
  assert.equal(formatStatedNumber(-2.25), '\u22122.25');
  assert.equal(formatStatedValue(4.25, { unit: 'currency', currency: 'EUR' }), '4.25 EUR');
});

test('progress just short of 100% (or just past 0%) shows the decimals that say so', () => {
  assert.equal(formatProgress(99.96), '99.96%');
  assert.equal(formatProgress(100), '100%');
  assert.equal(formatProgress(62.54), '62.5%');
  assert.equal(formatProgress(-0.04), '\u22120.040%');
  assert.equal(formatProgress(-59.42), '\u221259.4%');
});
