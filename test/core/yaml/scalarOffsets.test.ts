// Each character of a formula scalar maps to the file offset it came from, whatever the
// YAML style: findings inside a formula must underline exactly the characters they name.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { isScalar, parseDocument, type Scalar } from 'yaml';
import { scalarOffsets } from '../../../src/core/yaml/scalarOffsets';

/** The `f:` scalar of a one-key document, with its value and offsets. */
function offsetsOf(source: string): { text: string; value: string; offsets: number[] } {
  const text = source;
  const doc = parseDocument(text, { version: '1.2' });
  assert.equal(doc.errors.length, 0, doc.errors.map((e) => e.message).join('; '));
  const node = doc.get('f', true);
  assert.ok(isScalar(node));
  const value = String((node as Scalar).value);
  return { text, value, offsets: scalarOffsets(text, node as Scalar, value) };
}

/** Where the value's `needle` (its nth occurrence) starts and ends in the file. */
function rangeOfValue(source: string, needle: string, nth = 0): [number, number] {
  const { value, offsets } = offsetsOf(source);
  let at = -1;
  for (let n = 0; n <= nth; n++) at = value.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${JSON.stringify(needle)} not in ${JSON.stringify(value)}`);
  return [offsets[at]!, offsets[at + needle.length]!];
}

test('every ordinary character maps onto itself, in every style', () => {
  const sources = [
    'f: count(c == "x") + summ(x)\n',
    "f: 'count(c == ''x'') + summ(x)'\n",
    'f: "count(c == \'x\')\\n + summ(x)"\n',
    'f: "a\\tb\\x20c\\u00e9d\\U0001F600e\\"f\\\\g\\/h"\n',
    'f: "first line\n  second line\n\n  after a blank line"\n',
    'f: "joined \\\n    here"\n',
    'f: >-\n  folded\n  text\n',
    'f: |\n  literal\n  text\n',
    'f: "crlf\r\n  line"\r\n',
  ];
  for (const source of sources) {
    const { text, value, offsets } = offsetsOf(source);
    for (let i = 0; i < value.length; i++) {
      if (/[A-Za-z0-9()=+]/.test(value[i]!))
        assert.equal(
          text[offsets[i]!],
          value[i],
          `${JSON.stringify(source)}: value[${i}] ${JSON.stringify(value[i])} at ${offsets[i]}`,
        );
      if (i > 0) assert.ok(offsets[i]! >= offsets[i - 1]!, `${JSON.stringify(source)}: offsets go backwards at ${i}`);
    }
  }
});

test('after \\n, \\t, \\x41 and \\u00e9 in a double-quoted formula, later text keeps its place', () => {
  for (const escape of ['\\n', '\\t', '\\x41', '\\u00e9', '\\U0001F600', '\\"', '\\\\']) {
    const source = `f: "count(c == '${escape}') + summ(x)"\n`;
    const [start, end] = rangeOfValue(source, 'summ');
    assert.equal(source.slice(start, end), 'summ', `after ${escape}`);
  }
});

test('a character made by an escape maps to its backslash; a range from it covers the whole escape', () => {
  const source = 'f: "count(t == \\"hello\\")"\n';
  const [start, end] = rangeOfValue(source, '"hello"');
  assert.equal(source.slice(start, end), '\\"hello\\"');
  const tab = 'f: "a\\tb"\n';
  const [s2, e2] = rangeOfValue(tab, '\t');
  assert.equal(tab.slice(s2, e2), '\\t');
});

test('folded line breaks in a double-quoted scalar: one space, or a newline per blank line', () => {
  const source = 'f: "avg(x)\n  / 60\n\n  + 1"\n';
  assert.equal(offsetsOf(source).value, 'avg(x) / 60\n+ 1');
  const [start, end] = rangeOfValue(source, '60');
  assert.equal(source.slice(start, end), '60');
  const [s1, e1] = rangeOfValue(source, '+ 1');
  assert.equal(source.slice(s1, e1), '+ 1');
});
