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
  /** Hash of each code's text, so a probe compares characters only when hashes match. */
  private hashes = new Int32Array(256);
  /** Code + 1 per slot; 0 is an empty slot. */
  private slots = new Int32Array(512);
  private mask = 511;

  /** The code of the text `text.slice(start, end)` (start < end), added when new. */
  codeAt(text: string, start: number, end: number): number {
    const hash = hashAt(text, start, end);
    const length = end - start;
    const values = this.values;
    const slots = this.slots;
    let i = hash & this.mask;
    for (;;) {
      const slot = slots[i]!;
      if (slot === 0) break;
      const code = slot - 1;
      if (this.hashes[code] === hash) {
        const known = values[code]!;
        if (known.length === length && sameChars(text, start, known)) return code;
      }
      i = (i + 1) & this.mask;
    }
    return this.add(ownCopy(text, start, end), hash, i);
  }

  /** The code of a whole string (e.g. an unescaped quoted cell), added when new. */
  codeOf(value: string): number {
    return this.codeAt(value, 0, value.length);
  }

  private add(value: string, hash: number, slot: number): number {
    const code = this.values.length;
    this.values.push(value);
    if (code === this.hashes.length) {
      const grown = new Int32Array(code * 2);
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.hashes[code] = hash;
    this.slots[slot] = code + 1;
    if ((code + 1) * 2 > this.slots.length) this.rehash();
    return code;
  }

  /** Doubles the slots (kept at most half full, so probes stay short). */
  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let code = 0; code < this.values.length; code++) {
      let i = this.hashes[code]! & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = code + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/** FNV-1a over the UTF-16 code units, with a final mix so the low bits (the slot) spread. */
function hashAt(text: string, start: number, end: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}

function sameChars(text: string, start: number, known: string): boolean {
  for (let i = 0; i < known.length; i++) if (text.charCodeAt(start + i) !== known.charCodeAt(i)) return false;
  return true;
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
