/// <reference types="mocha" />
// Quick fixes (SPEC 7): each is a code action carrying its edit; applying it makes exactly
// the expected change and removes the diagnostic; one undo restores the file.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateExtension,
  applyEdit,
  codeOf,
  lineDiff,
  openFixture,
  rangeOf,
  showRange,
  test,
  waitForDiagnostics,
  waitForText,
  withLines,
} from './helpers';

const FILE = 'fixes/fixes.kpis.yaml';

interface Case {
  rule: string;
  /** Where the diagnostic is: 1-based line and the text it covers. */
  line: number;
  text: string;
  /** Every quick fix offered there, in order; the one to apply is `apply`. */
  titles: string[];
  apply: string;
  preferred?: boolean;
  /** The file after the fix: line number → its new lines. */
  change: Record<number, string[]>;
}

const CASES: Case[] = [
  {
    rule: 'no-goal',
    line: 15,
    text: 'orders',
    titles: [
      'Link "orders" to goal "grow"',
      'Link "orders" to goal "retain"',
      'Create goal "orders_goal" and link "orders" to it',
    ],
    apply: 'Link "orders" to goal "retain"',
    change: { 15: ['  - id: orders', '    goals: [retain]'] },
  },
  {
    rule: 'no-goal',
    line: 15,
    text: 'orders',
    titles: [
      'Link "orders" to goal "grow"',
      'Link "orders" to goal "retain"',
      'Create goal "orders_goal" and link "orders" to it',
    ],
    apply: 'Create goal "orders_goal" and link "orders" to it',
    change: {
      8: [
        '    title: Keep customers',
        '  - id: orders_goal',
        '    title: "TODO: the business goal that Orders serves"',
      ],
      15: ['  - id: orders', '    goals: [orders_goal]'],
    },
  },
  {
    rule: 'no-goal',
    line: 33,
    text: '[]',
    titles: [
      'Link "flow" to goal "grow"',
      'Link "flow" to goal "retain"',
      'Create goal "flow_goal" and link "flow" to it',
    ],
    apply: 'Link "flow" to goal "grow"',
    change: { 33: ['    goals: [grow]'] },
  },
  {
    rule: 'unknown-goal',
    line: 21,
    text: 'retian',
    titles: ['Change to "retain"'],
    apply: 'Change to "retain"',
    preferred: true,
    change: { 21: ['    goals: [retain]'] },
  },
  {
    rule: 'unknown-source',
    line: 22,
    text: 'tikets',
    titles: ['Change to "tickets"'],
    apply: 'Change to "tickets"',
    preferred: true,
    change: { 22: ['    source: tickets'] },
  },
  {
    rule: 'unknown-kpi',
    line: 27,
    text: 'order',
    titles: ['Change to "orders"'],
    apply: 'Change to "orders"',
    preferred: true,
    change: { 27: ['    guardrails: [orders]'] },
  },
  {
    rule: 'unknown-column',
    line: 40,
    text: 'handle_secs',
    titles: ['Change to "handle_seconds"'],
    apply: 'Change to "handle_seconds"',
    preferred: true,
    change: { 40: ['    formula: avg(handle_seconds)'] },
  },
  {
    rule: 'unknown-kpi',
    line: 44,
    text: 'ordrs',
    titles: ['Change to "orders"'],
    apply: 'Change to "orders"',
    preferred: true,
    change: { 44: ['    formula: csat / orders'] },
  },
  {
    rule: 'schema',
    line: 30,
    text: 'descripton',
    titles: ['Change "descripton" to "description"'],
    apply: 'Change "descripton" to "description"',
    change: { 30: ['    description: Average rating'] },
  },
];

describe('quick fixes', () => {
  before(activateExtension);

  for (const c of CASES) {
    test(`${c.rule} at line ${c.line}: "${c.apply}" edits the right text and one undo reverts it`, async () => {
      const editor = await openFixture(FILE);
      const { document } = editor;
      const uri = document.uri;
      const original = document.getText();
      const range = rangeOf(document, c.line, c.text);
      const at = (ds: vscode.Diagnostic[]): vscode.Diagnostic | undefined =>
        ds.find((d) => codeOf(d) === c.rule && d.range.isEqual(range));
      const before = await waitForDiagnostics(uri, `${c.rule} at ${showRange(range)}`, (ds) => at(ds) !== undefined);
      const diagnostic = at(before)!;

      const actions =
        (await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>(
          'vscode.executeCodeActionProvider',
          uri,
          diagnostic.range,
          vscode.CodeActionKind.QuickFix.value,
        )) ?? [];
      // (vscode.executeCodeActionProvider does not return the actions' diagnostics; with
      // --disable-extensions every quick fix here is KPI Lens's.)
      const ours = actions.filter(
        (a): a is vscode.CodeAction => 'kind' in a && !!a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind),
      );
      const all = actions
        .map((a) => `\n    "${a.title}" (${'kind' in a ? `kind ${a.kind?.value}` : 'a command'})`)
        .join('');
      assert.deepEqual(
        ours.map((a) => a.title),
        c.titles,
        `quick fixes offered for ${c.rule} at ${showRange(range)}; all code actions there:${all || ' none'}`,
      );
      const action = ours.find((a) => a.title === c.apply)!;
      assert.ok(
        action.kind?.contains(vscode.CodeActionKind.QuickFix),
        `"${c.apply}" should be a quick fix, is ${action.kind?.value}`,
      );
      assert.ok(action.edit, `"${c.apply}" carries no edit`);
      if (c.preferred !== undefined)
        assert.equal(action.isPreferred ?? false, c.preferred, `isPreferred of "${c.apply}"`);

      await applyEdit(action.edit, c.apply);
      const expected = withLines(original, c.change);
      assert.equal(
        document.getText(),
        expected,
        `"${c.apply}" made the wrong edit:\n${lineDiff(expected, document.getText())}`,
      );
      await waitForDiagnostics(
        uri,
        `${c.rule} at ${showRange(range)} to go after the fix`,
        (ds) =>
          !ds.some(
            (d) => codeOf(d) === c.rule && d.range.start.line === range.start.line && d.message === diagnostic.message,
          ),
      );

      assert.equal(
        vscode.window.activeTextEditor?.document.uri.toString(),
        uri.toString(),
        'the fixture should be the active editor for undo',
      );
      await vscode.commands.executeCommand('undo');
      await waitForText(document, 'one undo to restore the file', (t) => t === original);
      assert.equal(document.isDirty, false, 'after one undo the file should be back to its saved state');
      await waitForDiagnostics(uri, `${c.rule} back after the undo`, (ds) => at(ds) !== undefined);
    });
  }

  test('offers no quick fix where there is no problem', async () => {
    const { document } = await openFixture(FILE);
    await waitForDiagnostics(document.uri, 'diagnostics', (ds) => ds.length > 0);
    const range = rangeOf(document, 5, 'Grow revenue');
    const actions =
      (await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        document.uri,
        range,
      )) ?? [];
    assert.equal(actions.length, 0, `unexpected code actions at line 5: ${actions.map((a) => a.title).join(', ')}`);
  });
});
