/**
 * The distinct texts of a string column, each with its code (its index in `values`, in the
 * order first seen). A cell is looked up by its characters in the file's text, so the
 * string is made once per distinct value, not once per row: a million rows of `chat` or of
 * 50,000 customer ids make 1 or 50,000 strings.
 *
 * Open addressing over an Int32Array keyed by a 32-bit hash of the characters: no Map of
 * boxed keys, no array per hash, and collisions are told apart by comparing characters.
 */
export class TextDictionary {
  readonly values: string[] = [];

  constructor() {
    OWNERS.set(this.values, this);
  }
  /**
   * Four ints per slot: the text's hash, its code + 1 (0: an empty slot), where its
   * characters start in `chars` and how many there are. A probe reads one slot and, when the
   * hash matches, the characters: no string object is touched (that cost more than the rest).
   */
  private slots = new Int32Array(4 * 512);
  private mask = 511;
  /** Every distinct text's UTF-16 code units, one after another. */
  private chars = new Uint16Array(4096);
  private used = 0;

  /** The code of the text `text.slice(start, end)` (start < end), added when new. */
  codeAt(text: string, start: number, end: number): number {
    return this.find(text, start, end, undefined);
  }

  /** The code of a whole string (e.g. an unescaped quoted cell), added when new. */
  codeOf(value: string): number {
    return this.find(value, 0, value.length, undefined);
  }

  /**
   * The code of a string that is already a string of its own (a text of another
   * dictionary: csvParts.ts), added as it is when new, not copied.
   */
  codeOfOwn(value: string): number {
    return this.find(value, 0, value.length, value);
  }

  private find(text: string, start: number, end: number, own: string | undefined): number {
    const hash = hashAt(text, start, end);
    const length = end - start;
    const slots = this.slots;
    const mask = this.mask;
    let i = hash & mask;
    for (;;) {
      const s = 4 * i;
      const code = slots[s + 1]! - 1;
      if (code < 0) break;
      if (slots[s] === hash && slots[s + 3] === length && this.same(text, start, slots[s + 2]!, length)) return code;
      i = (i + 1) & mask;
    }
    return this.add(text, start, end, hash, i, own);
  }

  private same(text: string, start: number, at: number, length: number): boolean {
    const chars = this.chars;
    for (let i = 0; i < length; i++) if (text.charCodeAt(start + i) !== chars[at + i]) return false;
    return true;
  }

  private add(text: string, start: number, end: number, hash: number, slot: number, own: string | undefined): number {
    const code = this.values.length;
    const length = end - start;
    this.values.push(own ?? ownCopy(text, start, end));
    if (this.used + length > this.chars.length) {
      const grown = new Uint16Array(Math.max(this.chars.length * 2, this.used + length));
      grown.set(this.chars);
      this.chars = grown;
    }
    for (let i = 0; i < length; i++) this.chars[this.used + i] = text.charCodeAt(start + i);
    const s = 4 * slot;
    this.slots[s] = hash;
    this.slots[s + 1] = code + 1;
    this.slots[s + 2] = this.used;
    this.slots[s + 3] = length;
    this.used += length;
    if ((code + 1) * 2 > this.mask + 1) this.rehash();
    return code;
  }

  /** Doubles the slots (kept at most half full, so probes stay short). */
  private rehash(): void {
    const old = this.slots;
    const mask = (this.mask + 1) * 2 - 1;
    const slots = new Int32Array(4 * (mask + 1));
    for (let j = 0; j < old.length; j += 4) {
      if (old[j + 1] === 0) continue;
      let i = old[j]! & mask;
      while (slots[4 * i + 1] !== 0) i = (i + 1) & mask;
      slots.set(old.subarray(j, j + 4), 4 * i);
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/** Each dictionary by its `values`, which a parsed column holds as its `dictionary`. */
const OWNERS = new WeakMap<readonly string[], TextDictionary>();

/**
 * The dictionary whose texts these are, to go on adding to it (csvParts.ts joins the next
 * parts' texts to the first part's without looking its own up again); undefined for texts
 * not made by one. Adding to it adds to `values`: only for a column no longer used as it was.
 */
export function dictionaryOf(values: readonly string[]): TextDictionary | undefined {
  return OWNERS.get(values);
}

/** FNV-1a over the UTF-16 code units, with a final mix so the low bits (the slot) spread. */
function hashAt(text: string, start: number, end: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}

/**
 * `text.slice(start, end)` as a string of its own. V8 makes a slice of 13 or more
 * characters a view into its parent: a column name or a text value would then keep the
 * whole file's text in memory for as long as the table is cached.
 */
export function ownCopy(text: string, start: number, end: number): string {
  const slice = text.slice(start, end);
  return end - start < 13 ? slice : (' ' + slice).slice(1); // the concatenation is copied flat
}
