/** The editor's language features, computed in the core: the extension only adapts them. */
export { symbolAt, occurrences, occurrencesOf, type Occurrence, type SymbolKind, type NameKind } from './symbolAt';
export { definitionAt, referencesAt } from './navigation';
export { prepareRename, renameEdits, checkNewName, type RenameCheck, type RenameResult } from './rename';
export { hoverAt, type Hover, type HoverOptions } from './hover';
export { lensesFor, type Lens } from './lenses';
export { completionsAt, type Completion, type CompletionKind } from './completion';
export { documentSymbols, type OutlineSymbol, type OutlineKind } from './outline';
export {
  baselineChoices,
  baselineEdits,
  baselineActionsAt,
  baselineNumber,
  periodEnd,
  type BaselineChoice,
  type BaselineAction,
} from './baseline';
export { yamlContextAt, type YamlContext } from './yamlContext';
