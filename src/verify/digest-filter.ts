import type { ErrorLogger } from '../logger.js';
import type { Store } from '../store/store.js';

const BITS_PER_KEY = 16;
const PROBES = 8;
/** 2^24 keys: a 32 MiB filter. Past it the filter stops growing and lets a few more misses through. */
const MAX_CAPACITY = 1 << 24;
const PAGE = 5_000;

/**
 * A Bloom filter over the digest of every stored key: the answer to a flood of well-formed keys that
 * were never issued. A key with a valid checksum costs an attacker nothing to make, and each would
 * otherwise be a store lookup. The filter turns them away in memory: about 1 in 175,000 gets through
 * at the half load it is built at, about 1 in 1,700 at full load, just before it rebuilds.
 *
 * It has no false negatives once loaded: every stored digest is added at load, and every key this
 * process creates, imports or rotates in is added before its response is sent. Until the load is done
 * (it runs in the background at start-up) it answers "maybe" for everything, so verification stays
 * correct while the server is already listening. At 16 bits a key, a million keys take 2 MiB to 4 MiB.
 * When more keys are added than it was sized for it rebuilds itself, twice as large, from the store.
 *
 * A digest is already uniform, so the probe positions come straight from two of its 32-bit words
 * (double hashing: position i is h1 + i·h2).
 */
export class DigestFilter {
  private bits = new Uint32Array(0);
  private mask = 0;
  private capacity = 0;
  private count = 0;
  private loaded = false;
  private loading: Promise<void> | null = null;
  /** Digests added while a rebuild reads the store, so that the new filter gets them too. */
  private pending: string[] | null = null;
  /** Moves on at each suspension: a rebuild that began before one does not count as loaded. */
  private epoch = 0;

  constructor(
    private readonly store: Store,
    private readonly logger: ErrorLogger,
    /** The fewest keys a filter is sized for; tests lower it to see a rebuild. */
    private readonly minCapacity = 1 << 16,
  ) {}

  get ready(): boolean {
    return this.loaded;
  }

  /** Reads every digest from the store into a new filter; the current one serves until it is done. */
  load(): Promise<void> {
    this.loading ??= this.rebuild().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  /**
   * Answers "maybe" for everything until the next complete load: keys created by other processes while
   * their changes went unheard are not in the filter, and must not be turned away.
   */
  suspend(): void {
    this.epoch++;
    this.loaded = false;
  }

  /** Loads again from the store after a suspension, after any load already running; never rejects. */
  reload(): Promise<void> {
    const again = () => this.load();
    return (this.loading ? this.loading.then(again, again) : again()).catch((error: unknown) =>
      this.logger.error({ err: error }, 'key filter reload failed'),
    );
  }

  add(hash: string): void {
    this.pending?.push(hash);
    if (!this.loaded) return;
    setBits(this.bits, this.mask, word(hash, 0), word(hash, 8));
    if (++this.count > this.capacity && this.capacity < MAX_CAPACITY) {
      this.load().catch((error: unknown) => this.logger.error({ err: error }, 'key filter rebuild failed'));
    }
  }

  /** False only when no stored key has this digest. */
  mightContain(hash: string): boolean {
    if (!this.loaded) return true;
    const bits = this.bits;
    const mask = this.mask;
    const h1 = word(hash, 0);
    const h2 = word(hash, 8) | 1;
    for (let i = 0; i < PROBES; i++) {
      const bit = (h1 + Math.imul(i, h2)) & mask;
      if (((bits[bit >>> 5] as number) & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }

  /**
   * Reads the store a page at a time, keeping two 32-bit words per digest rather than the digests
   * themselves (8 bytes a key instead of about 90), then sizes the filter to twice the count.
   */
  private async rebuild(): Promise<void> {
    const epoch = this.epoch;
    this.pending = [];
    try {
      let words = new Uint32Array(2 * this.minCapacity);
      let count = 0;
      const keep = (hash: string) => {
        if (2 * count === words.length) {
          const grown = new Uint32Array(2 * words.length);
          grown.set(words);
          words = grown;
        }
        words[2 * count] = word(hash, 0);
        words[2 * count + 1] = word(hash, 8);
        count++;
      };
      for (let page = await this.store.listKeyHashes(null, PAGE); page.length > 0; ) {
        for (const hash of page) keep(hash);
        if (page.length < PAGE) break;
        // SQLite answers synchronously, so without this turn a million keys would hold the event loop
        // for a second and no request, not even /readyz, would be answered meanwhile.
        await new Promise((resolve) => setImmediate(resolve));
        page = await this.store.listKeyHashes(page[page.length - 1] as string, PAGE);
      }
      for (const hash of this.pending) keep(hash);
      const wanted = 2 ** Math.ceil(Math.log2(2 * count));
      const capacity = Math.min(MAX_CAPACITY, Math.max(this.minCapacity, wanted));
      const size = capacity * BITS_PER_KEY;
      const bits = new Uint32Array(size / 32);
      const mask = size - 1;
      for (let i = 0; i < count; i++) setBits(bits, mask, words[2 * i] as number, words[2 * i + 1] as number);
      // Suspended meanwhile: what was read may miss keys made elsewhere; the reload that follows counts.
      if (epoch !== this.epoch) return;
      this.bits = bits;
      this.mask = mask;
      this.capacity = capacity;
      this.count = count;
      this.loaded = true;
    } finally {
      this.pending = null;
    }
  }
}

/**
 * The 32-bit word that the 8 hex digits at `at` of a digest spell, read in place: a flood of
 * never-issued keys reaches the filter with every request, and a slice and `parseInt` cost as much as
 * the probes. Upper-case digits read as lower-case ones, as `parseInt` reads them.
 */
function word(hash: string, at: number): number {
  let value = 0;
  for (let i = at; i < at + 8; i++) {
    const code = hash.charCodeAt(i);
    value = (value << 4) | (code <= 57 ? code - 48 : (code | 32) - 87);
  }
  return value >>> 0;
}

function setBits(bits: Uint32Array, mask: number, h1: number, h2: number): void {
  const step = h2 | 1;
  for (let i = 0; i < PROBES; i++) {
    const bit = (h1 + Math.imul(i, step)) & mask;
    bits[bit >>> 5] = (bits[bit >>> 5] as number) | (1 << (bit & 31));
  }
}
