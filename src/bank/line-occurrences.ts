/**
 * How many times each line content has been seen so far in one statement, for the identities of
 * lines without a bank reference (`hash:<32 characters>#<occurrence>`, see lineIdentity).
 *
 * The content is known by the 32 base64url characters of its hash that the identity shows
 * (192 bits, held as six 32-bit words), so two contents share a count exactly when they would
 * share an identity, as when the identities themselves were the keys of a Map. Kept in typed
 * arrays (an open-addressing table, linear probing): 28 bytes a slot, about 40 MB for a
 * statement of a million lines, where a Map of identity strings takes two or three times that.
 */
export const KEY_CHARACTERS = 32;
const WORDS = 6;
const MAX_LOAD = 0.7;

/** The value of each base64url character (-1 for any other). */
const BASE64URL = (() => {
  const values = new Int8Array(128).fill(-1);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  for (let index = 0; index < alphabet.length; index += 1) values[alphabet.charCodeAt(index)] = index;
  return values;
})();

/** The 192 bits of 32 base64url characters as six 32-bit words, into `words`. */
function unpack(key: string, words: Uint32Array): void {
  if (key.length !== KEY_CHARACTERS) throw new Error(`LineOccurrences: a key of ${key.length} characters, not ${KEY_CHARACTERS}`);
  let bits = 0;
  let held = 0;
  let word = 0;
  for (let index = 0; index < KEY_CHARACTERS; index += 1) {
    const value = BASE64URL[key.charCodeAt(index)] ?? -1;
    if (value < 0) throw new Error('LineOccurrences: a key that is not base64url');
    if (held + 6 < 32) {
      bits = (bits << 6) | value;
      held += 6;
    } else {
      const take = 32 - held;
      words[word] = ((bits << take) | (value >>> (6 - take))) >>> 0;
      word += 1;
      held = 6 - take;
      bits = value & ((1 << held) - 1);
    }
  }
}

export class LineOccurrences {
  #capacity: number;
  #keys: Uint32Array;
  /** 0: an empty slot; otherwise how many times its content was seen. */
  #counts: Uint32Array;
  #size = 0;

  /** `expected`: how many contents will be counted (the table grows if there are more). */
  constructor(expected = 1024) {
    this.#capacity = Math.max(16, Math.ceil(expected / MAX_LOAD) + 1);
    this.#keys = new Uint32Array(this.#capacity * WORDS);
    this.#counts = new Uint32Array(this.#capacity);
  }

  readonly #words = new Uint32Array(WORDS);

  /** Counts one more occurrence of the content whose hash is shown by these 32 base64url characters; returns its number (1 the first time). */
  add(key: string): number {
    if (this.#size + 1 > this.#capacity * MAX_LOAD) this.#grow();
    const words = this.#words;
    unpack(key, words);
    const k0 = words[0] ?? 0;
    const k1 = words[1] ?? 0;
    const k2 = words[2] ?? 0;
    const k3 = words[3] ?? 0;
    const k4 = words[4] ?? 0;
    const k5 = words[5] ?? 0;
    const slot = this.#find(k0, k1, k2, k3, k4, k5);
    const count = this.#counts[slot] ?? 0;
    if (count === 0) {
      const at = slot * WORDS;
      this.#keys[at] = k0;
      this.#keys[at + 1] = k1;
      this.#keys[at + 2] = k2;
      this.#keys[at + 3] = k3;
      this.#keys[at + 4] = k4;
      this.#keys[at + 5] = k5;
      this.#size += 1;
    }
    this.#counts[slot] = count + 1;
    return count + 1;
  }

  /** The slot of this key: where it is, or the empty slot where it goes. */
  #find(k0: number, k1: number, k2: number, k3: number, k4: number, k5: number): number {
    const keys = this.#keys;
    const counts = this.#counts;
    // The keys are hashes already, but all six words are mixed in anyway, so that keys alike in
    // one word never pile up in one place.
    let mixed = Math.imul(k0 ^ Math.imul(k1, 0x85ebca6b) ^ Math.imul(k2, 0xc2b2ae35) ^ Math.imul(k3, 0x27d4eb2f) ^ Math.imul(k4, 0x165667b1) ^ Math.imul(k5, 0x9e3779b1), 0x85ebca6b);
    mixed ^= mixed >>> 13;
    let slot = (mixed >>> 0) % this.#capacity;
    for (;;) {
      if (counts[slot] === 0) return slot;
      const at = slot * WORDS;
      if (keys[at] === k0 && keys[at + 1] === k1 && keys[at + 2] === k2 && keys[at + 3] === k3 && keys[at + 4] === k4 && keys[at + 5] === k5) return slot;
      slot += 1;
      if (slot === this.#capacity) slot = 0;
    }
  }

  #grow(): void {
    const oldKeys = this.#keys;
    const oldCounts = this.#counts;
    const oldCapacity = this.#capacity;
    this.#capacity = oldCapacity * 2 + 1;
    this.#keys = new Uint32Array(this.#capacity * WORDS);
    this.#counts = new Uint32Array(this.#capacity);
    for (let slot = 0; slot < oldCapacity; slot += 1) {
      const count = oldCounts[slot] ?? 0;
      if (count === 0) continue;
      const at = slot * WORDS;
      const k = [0, 1, 2, 3, 4, 5].map((word) => oldKeys[at + word] ?? 0) as [number, number, number, number, number, number];
      const to = this.#find(...k);
      this.#keys.set(oldKeys.subarray(at, at + WORDS), to * WORDS);
      this.#counts[to] = count;
    }
  }
}
