import { createHash, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hmacSha256, sha256, timingSafeEqual, toBase64, toHex } from '../src/contract/index.js';

// The mocks sign SAS URLs, presigned links and tokens with this; it must be HMAC-SHA256 exactly, for
// every length around the block boundaries, every key length, and text as well as bytes.
describe('HMAC-SHA256 and SHA-256 agree with node:crypto', () => {
  it('SHA-256 of every length up to three blocks', () => {
    for (let length = 0; length <= 200; length++) {
      const bytes = randomBytes(length);
      expect(toHex(sha256(bytes)), `length ${length}`).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });

  it('HMAC for keys shorter than, equal to and longer than a block, messages of every length', () => {
    for (const keyLength of [0, 1, 32, 63, 64, 65, 200]) {
      const key = randomBytes(keyLength);
      const sign = hmacSha256(key);
      for (let length = 0; length <= 260; length += 7) {
        const message = randomBytes(length);
        expect(toBase64(sign(message)), `key ${keyLength}, message ${length}`).toBe(
          createHmac('sha256', key).update(message).digest('base64'),
        );
      }
    }
  });

  it('text messages are signed as UTF-8, ASCII and not, and one signer serves many messages', () => {
    const sign = hmacSha256('key');
    for (const text of ['', 'r\n2026-03-02T09:00:00Z\n/blob/acct/c/b', 'fïlé 💥 名前', 'x'.repeat(1000)]) {
      expect(toBase64(sign(text))).toBe(createHmac('sha256', 'key').update(text, 'utf8').digest('base64'));
    }
  });

  it('base64 and hex as Buffer writes them; equality that does not stop at the first difference', () => {
    for (let length = 0; length < 40; length++) {
      const bytes = randomBytes(length);
      expect(toBase64(bytes)).toBe(bytes.toString('base64'));
      expect(toHex(bytes)).toBe(bytes.toString('hex'));
    }
    expect(timingSafeEqual('abc', 'abc')).toBe(true);
    expect(timingSafeEqual('abc', 'abd')).toBe(false);
    expect(timingSafeEqual('abc', 'abcd')).toBe(false);
  });
});
