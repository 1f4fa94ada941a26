/**
 * Data text to a column-wise Table (SPEC section 2). Never throws: a file that cannot be
 * read as its format says is `{ ok: false, error }` with a plain-words message naming the
 * file, the record (see result.ts for how records are numbered) and the column.
 */
import { parseCsv } from './csv';
import { parseJson, parseJsonl } from './json';
import type { LoadResult, ParseOptions } from './result';

export type { DataError, LoadResult, ParseOptions } from './result';

export function parseTable(text: string, options: ParseOptions): LoadResult {
  return guarded(options, () => {
    switch (options.format) {
      case 'csv':
        return parseCsv(text, options);
      case 'json':
        return parseJson(text, options);
      case 'jsonl':
        return parseJsonl(text, options);
    }
    return { ok: false, error: { message: `unknown data format ${JSON.stringify(options.format)}` } };
  });
}

/**
 * A parse that never throws. Only running out of memory or a bug gets to the catch; it is
 * reported rather than crash the host. A file system error (it has a code such as EIO) is
 * thrown on, for the reader to report as it reports a file it cannot open.
 */
export function guarded(options: ParseOptions, parse: () => LoadResult): LoadResult {
  try {
    return parse();
  } catch (e) {
    if (e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string' && 'syscall' in e) throw e;
    const reason = e instanceof Error ? e.message : String(e);
    const where = options.fileName ? `${options.fileName}: ` : '';
    return { ok: false, error: { message: `${where}cannot read the data (${reason})` } };
  }
}
