import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { definitionAt, prepareRename, referencesAt, renameEdits, symbolAt } from '../../../src/core/editor';
import { analyze } from '../../../src/core/checks/analysis';
import { applyEdits, EDITOR_FIXTURE, lineOf, load, texts } from './kit';

test('symbolAt names goals, KPIs, sources, columns and functions where they are written', () => {
  const f = load();
  const kinds = (needle: string, delta = 0, occurrence = 1): string => {
    const s = symbolAt(f.analysis, f.at(needle, delta, occurrence));
    return s ? `${s.kind} ${s.name} ${s.role}` : 'none';
  };
  assert.equal(kinds('id: retain', 4), 'goal retain definition');
  assert.equal(kinds('parent: grow', 8), 'goal grow reference');
  assert.equal(kinds('goals: [retain]', 8), 'goal retain reference');
  assert.equal(kinds('goals: [retain]', 14), 'goal retain reference', 'a cursor just after the name is on it');
  assert.equal(kinds('      - retain', 8), 'goal retain reference');
  assert.equal(kinds('guardrails: [nps]', 13), 'kpi nps reference');
  assert.equal(kinds('nps / responses', 0), 'kpi nps reference');
  assert.equal(kinds('nps / responses', 7), 'kpi responses reference');
  assert.equal(kinds('- id: per_response', 6), 'kpi per_response definition');
  assert.equal(kinds('  survey:', 3), 'source survey definition');
  assert.equal(kinds('source: survey', 9), 'source survey reference');
  assert.equal(kinds('`Likely to recommend` >= 9', 3), 'column Likely to recommend reference');
  assert.equal(kinds('channel != "internal"', 2), 'column channel reference');
  assert.equal(kinds('time: submitted_at', 7), 'column submitted_at reference');
  assert.equal(kinds('pct(`Likely', 1), 'function pct reference');
  assert.equal(kinds('sum(amount)', 5), 'column amount reference');
  assert.equal(kinds('title: Grow revenue', 8), 'none');
});

test('go to definition: from a goals list, a parent, guardrails, a derived formula and source:', () => {
  const f = load();
  const def = (needle: string, delta: number): string[] =>
    texts(f.text, definitionAt(f.analysis, f.at(needle, delta))).map(
      (t, i) => `${t}@${lineOf(f.text, definitionAt(f.analysis, f.at(needle, delta))[i]!.start)}`,
    );
  assert.deepEqual(def('goals: [retain]', 9), ['retain@6']);
  assert.deepEqual(def('parent: grow', 9), ['grow@4']);
  assert.deepEqual(def('guardrails: [nps]', 14), ['nps@20']);
  assert.deepEqual(def('nps / responses', 8), ['responses@35']);
  assert.deepEqual(def('source: orders', 9), ['orders@16']);
  assert.deepEqual(def('`Likely to recommend` >= 9', 3), [], 'columns have no definition in the file');
});

test('find references: every use, with or without the definition', () => {
  const f = load();
  const refs = (needle: string, delta: number, withDefinition: boolean): string[] =>
    referencesAt(f.analysis, f.at(needle, delta), withDefinition).map(
      (r) => `${f.text.slice(r.start, r.end)}@${lineOf(f.text, r.start)}`,
    );
  assert.deepEqual(refs('id: retain', 5, false), ['retain@24', 'retain@39', 'retain@47']);
  assert.deepEqual(refs('id: retain', 5, true), ['retain@6', 'retain@24', 'retain@39', 'retain@47']);
  assert.deepEqual(refs('- id: nps', 7, false), ['nps@40', 'nps@48']);
  assert.deepEqual(refs('  survey:', 3, true), ['survey@13', 'survey@25', 'survey@41']);
  assert.deepEqual(refs('id: grow', 5, false), ['grow@7']);
  assert.deepEqual(refs('id: lonely', 5, false), []);
});

test('rename a goal id: definition, goals lists (flow and block) and nothing else; the result checks clean of unknown-goal', () => {
  const f = load();
  const result = renameEdits(f.analysis, f.at('id: retain', 5), 'keep_customers');
  assert.ok(result.ok, !result.ok ? result.message : '');
  assert.equal(result.edits.length, 4);
  const renamed = applyEdits(f.text, result.edits);
  assert.equal((renamed.match(/keep_customers/g) ?? []).length, 4);
  assert.ok(!/\bretain\b/.test(renamed), 'no "retain" left');
  const again = analyze(renamed, { filePath: EDITOR_FIXTURE, today: '2026-04-15' });
  assert.deepEqual(
    again.findings.filter((x) => x.rule === 'unknown-goal'),
    [],
  );
});

test('rename a KPI id from its use in a derived formula: the id, guardrails and formulas change', () => {
  const f = load();
  const result = renameEdits(f.analysis, f.at('nps / responses', 1), 'promoter_score');
  assert.ok(result.ok);
  const renamed = applyEdits(f.text, result.edits);
  assert.match(renamed, /- id: promoter_score\n/);
  assert.match(renamed, /guardrails: \[promoter_score\]/);
  assert.match(renamed, /formula: promoter_score \/ responses/);
  assert.equal(result.edits.length, 3);
  const again = analyze(renamed, { filePath: EDITOR_FIXTURE });
  assert.deepEqual(
    again.findings.filter((x) => x.rule === 'unknown-kpi'),
    [],
  );
});

test('rename a source: its key and every source: naming it', () => {
  const f = load();
  const result = renameEdits(f.analysis, f.at('source: survey', 10), 'nps_survey');
  assert.ok(result.ok);
  assert.deepEqual(
    result.edits.map((e) => lineOf(f.text, e.range.start)),
    [13, 25, 41],
  );
});

test('rename refuses bad names, taken names, reserved words, columns and functions, with a reason', () => {
  const f = load();
  const nps = f.at('- id: nps', 7);
  const refuse = (offset: number, name: string): string => {
    const r = renameEdits(f.analysis, offset, name);
    assert.ok(!r.ok, `renaming to ${name} should be refused`);
    return r.message;
  };
  assert.match(
    refuse(nps, 'Net-Promoter'),
    /not a valid KPI id: use lower-case letters, digits and _, starting with a letter \(e\.g\. net_promoter\)/,
  );
  assert.match(refuse(nps, '2nps'), /not a valid KPI id/);
  assert.match(refuse(nps, 'responses'), /There is already a KPI "responses"/);
  assert.match(refuse(nps, 'and'), /reserved word/);
  assert.match(refuse(f.at('id: grow', 5), 'retain'), /already a goal "retain"/);
  assert.match(refuse(f.at('  survey:', 3), 'orders'), /already a source "orders"/);
  assert.match(refuse(f.at('`Likely', 2), 'x'), /A column is named by its data/);
  assert.match(refuse(f.at('count()', 1), 'x'), /A function name is fixed/);
  const same = renameEdits(f.analysis, nps, 'nps');
  assert.deepEqual(same, { ok: true, edits: [] });
  const prep = prepareRename(f.analysis, nps);
  assert.ok(prep.ok);
  assert.equal(f.text.slice(prep.range.start, prep.range.end), 'nps');
});

test('quoted ids are renamed inside their quotes', () => {
  const f = load(undefined, (t) =>
    t.replace('goals: [retain]\n    source: survey\n    filter', 'goals: ["retain"]\n    source: survey\n    filter'),
  );
  const result = renameEdits(f.analysis, f.at('id: retain', 5), 'keep');
  assert.ok(result.ok);
  assert.match(applyEdits(f.text, result.edits), /goals: \["keep"\]/);
});
