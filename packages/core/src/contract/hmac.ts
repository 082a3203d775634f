/**
 * HMAC-SHA256 (RFC 2104 over FIPS 180-4), synchronous. The mocks sign what they hand out — SAS URLs,
 * presigned links, tokens — as the real services do, so that a signature can be checked on use instead
 * of every issued one being remembered (a server that kept each would grow with every read). Web
 * Crypto's HMAC is asynchronous, and a mock's `issueSas` and token checks are not; this runs anywhere
 * the mocks run (Node, Deno, Bun, workerd, browsers). Tested against node:crypto.
 */

// Int32Array throughout: V8 keeps the words as small integers (a quarter faster than Uint32Array).
const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);
const INITIAL = [
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];
const BLOCK = 64;

/** Runs the compression function over whole 64-byte blocks of `bytes` from `offset`. */
function compress(state: Int32Array, bytes: Uint8Array, offset: number, end: number, w: Int32Array): void {
  for (let at = offset; at < end; at += BLOCK) {
    for (let i = 0; i < 16; i++) {
      const j = at + i * 4;
      w[i] =
        ((bytes[j] as number) << 24) |
        ((bytes[j + 1] as number) << 16) |
        ((bytes[j + 2] as number) << 8) |
        (bytes[j + 3] as number);
    }
    for (let i = 16; i < 64; i++) {
      const x = w[i - 15] as number;
      const y = w[i - 2] as number;
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[i] = ((w[i - 16] as number) + s0 + (w[i - 7] as number) + s1) | 0;
    }
    let a = state[0] as number;
    let b = state[1] as number;
    let c = state[2] as number;
    let d = state[3] as number;
    let e = state[4] as number;
    let f = state[5] as number;
    let g = state[6] as number;
    let h = state[7] as number;
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      // ch and maj in their shorter, equivalent forms.
      const t1 = (h + S1 + (g ^ (e & (f ^ g))) + (K[i] as number) + (w[i] as number)) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const t2 = (S0 + ((a & b) | (c & (a | b)))) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    state[0] = ((state[0] as number) + a) | 0;
    state[1] = ((state[1] as number) + b) | 0;
    state[2] = ((state[2] as number) + c) | 0;
    state[3] = ((state[3] as number) + d) | 0;
    state[4] = ((state[4] as number) + e) | 0;
    state[5] = ((state[5] as number) + f) | 0;
    state[6] = ((state[6] as number) + g) | 0;
    state[7] = ((state[7] as number) + h) | 0;
  }
}

/**
 * Hashes `length` bytes of `buffer` (which has room for the padding after them) on top of `state`,
 * which already covers `prefixLength` bytes, and writes the digest's words back into `state`.
 */
function finish(
  state: Int32Array,
  prefixLength: number,
  buffer: Uint8Array,
  length: number,
  w: Int32Array,
): void {
  const padded = Math.ceil((length + 9) / BLOCK) * BLOCK;
  buffer[length] = 0x80;
  buffer.fill(0, length + 1, padded - 8);
  const bits = (prefixLength + length) * 8;
  const high = Math.floor(bits / 0x100000000);
  for (let i = 0; i < 4; i++) {
    buffer[padded - 8 + i] = (high >>> (24 - 8 * i)) & 0xff;
    buffer[padded - 4 + i] = (bits >>> (24 - 8 * i)) & 0xff;
  }
  compress(state, buffer, 0, padded, w);
}

/** Copies a state's words into bytes, big-endian. */
function digestOf(state: Int32Array, out: Uint8Array, at = 0): Uint8Array {
  for (let i = 0; i < 8; i++) {
    const word = state[i] as number;
    out[at + i * 4] = word >>> 24;
    out[at + i * 4 + 1] = (word >>> 16) & 0xff;
    out[at + i * 4 + 2] = (word >>> 8) & 0xff;
    out[at + i * 4 + 3] = word & 0xff;
  }
  return out;
}

/** SHA-256 of `bytes`. */
export function sha256(bytes: Uint8Array): Uint8Array {
  const buffer = new Uint8Array(Math.ceil((bytes.length + 9) / BLOCK) * BLOCK);
  buffer.set(bytes);
  const state = Int32Array.from(INITIAL);
  finish(state, 0, buffer, bytes.length, new Int32Array(64));
  return digestOf(state, new Uint8Array(32));
}

const encoder = new TextEncoder();

/**
 * An HMAC-SHA256 signer for one key: the key's inner and outer blocks are hashed once, so each
 * signature costs the message's blocks and one more. It reuses its buffers: one signer serves one
 * caller at a time (it is synchronous, so any number of requests share it).
 */
export function hmacSha256(key: Uint8Array | string): (message: Uint8Array | string) => Uint8Array {
  let keyBytes = typeof key === 'string' ? encoder.encode(key) : key;
  if (keyBytes.length > BLOCK) keyBytes = sha256(keyBytes);
  const w = new Int32Array(64);
  const padded = (fill: number) => {
    const block = new Uint8Array(BLOCK).fill(fill);
    for (let i = 0; i < keyBytes.length; i++) block[i] = (keyBytes[i] as number) ^ fill;
    const state = Int32Array.from(INITIAL);
    compress(state, block, 0, BLOCK, w);
    return state;
  };
  const inner = padded(0x36);
  const outer = padded(0x5c);
  const state = new Int32Array(8);
  const outerBlock = new Uint8Array(BLOCK);
  let buffer = new Uint8Array(4 * BLOCK);
  return (message) => {
    // The message's bytes, in the reused buffer (ASCII, as signed fields nearly always are, without
    // an encoder), with room for the padding.
    let length = message.length;
    if (typeof message === 'string') {
      let ascii = true;
      for (let i = 0; i < length && ascii; i++) ascii = message.charCodeAt(i) < 0x80;
      if (!ascii) message = encoder.encode(message);
      length = message.length;
    }
    if (buffer.length < length + 2 * BLOCK) buffer = new Uint8Array(2 * (length + BLOCK));
    if (typeof message === 'string') {
      for (let i = 0; i < length; i++) buffer[i] = message.charCodeAt(i);
    } else buffer.set(message);
    state.set(inner);
    finish(state, BLOCK, buffer, length, w);
    digestOf(state, outerBlock);
    state.set(outer);
    finish(state, BLOCK, outerBlock, 32, w);
    return digestOf(state, new Uint8Array(32));
  };
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 of bytes (standard alphabet, padded), as Azure writes `sig`. */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out += `${BASE64[n >> 18]}${BASE64[(n >> 12) & 63]}${BASE64[(n >> 6) & 63]}${BASE64[n & 63]}`;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] as number) << 16;
    out += `${BASE64[n >> 18]}${BASE64[(n >> 12) & 63]}==`;
  } else if (rest === 2) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8);
    out += `${BASE64[n >> 18]}${BASE64[(n >> 12) & 63]}${BASE64[(n >> 6) & 63]}=`;
  }
  return out;
}

/** Lowercase hex of bytes, as AWS writes `X-Amz-Signature`. */
export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** Whether two strings are equal, in time that does not depend on where they differ. */
export function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}
