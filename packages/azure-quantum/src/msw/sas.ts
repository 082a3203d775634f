import { hmacSha256, timingSafeEqual, toBase64 } from '@qc/core/contract';

/** A container or blob of the account. */
export interface SasTarget {
  container: string;
  blob?: string;
}

/** What a SAS says, once its signature has been checked. */
export interface VerifiedSas {
  permissions: string;
  startsAt: number;
  expiresAt: number;
  contentDisposition?: string;
}

/** What the mock puts in a SAS it issues (`kind: 'account'` is storage/sasUri's container shape). */
export interface SasToIssue extends SasTarget {
  kind: 'account' | 'container' | 'blob';
  permissions: string;
  startsAt: number;
  expiresAt: number;
  contentDisposition?: string;
}

/** Every field a string-to-sign reads ('' when the SAS does not carry it). */
type SignedFields = Record<(typeof SIGNED)[number], string>;

const SIGNED = [
  'sv',
  'ss',
  'srt',
  'sr',
  'sp',
  'st',
  'se',
  'sip',
  'si',
  'spr',
  'sst',
  'ses',
  'rscc',
  'rscd',
  'rsce',
  'rscl',
  'rsct',
] as const;

/** The storage service version the mock writes in `sv` (and answers with in `x-ms-version`). */
export const SAS_VERSION = '2024-05-04';

/**
 * Signs and checks SAS tokens of one storage account as Azure Storage does: `sig` is the base64
 * HMAC-SHA256, under the account key, of the string-to-sign (version 2020-12-06 and later) built from
 * the signed fields and the resource the request names. Nothing is remembered per SAS; a SAS is checked
 * by signing it again. The key is made here and never leaves: only this signer can issue a valid SAS.
 */
export class SasSigner {
  readonly #sign = hmacSha256(globalThis.crypto.getRandomValues(new Uint8Array(64)));
  /** The account as the string-to-sign names it (the host, and the path prefix of a mock cloud). */
  readonly #accountName: string;
  readonly #https: boolean;

  constructor(account: URL, basePath: string) {
    this.#accountName = `${account.host}${basePath}`;
    this.#https = account.protocol === 'https:';
  }

  /** The query string (without `?`) of a SAS, its fields in the order Azure writes them, `sig` last. */
  issue(sas: SasToIssue): string {
    const account = sas.kind === 'account';
    const fields: SignedFields = {
      sv: SAS_VERSION,
      ss: account ? 'b' : '',
      srt: account ? 'co' : '',
      sr: account ? '' : sas.kind === 'blob' ? 'b' : 'c',
      sp: sas.permissions,
      st: sasTime(sas.startsAt),
      se: sasTime(sas.expiresAt),
      sip: '',
      si: '',
      spr: account && this.#https ? 'https' : '',
      sst: '',
      ses: '',
      rscc: '',
      rscd: sas.contentDisposition ?? '',
      rsce: '',
      rscl: '',
      rsct: '',
    };
    const target = { container: sas.container, ...(sas.kind === 'blob' ? { blob: sas.blob } : {}) };
    const sig = this.#signature(fields, target);
    let query = `sv=${fields.sv}`;
    if (account) query += `&ss=b&srt=co${fields.spr === '' ? '' : '&spr=https'}`;
    query += `&st=${formEncode(fields.st)}&se=${formEncode(fields.se)}`;
    if (!account) query += `&sr=${fields.sr}`;
    query += `&sp=${formEncode(fields.sp)}`;
    if (fields.rscd !== '') query += `&rscd=${formEncode(fields.rscd)}`;
    return `${query}&sig=${formEncode(sig)}`;
  }

  /**
   * What a SAS grants, when its `sig` is this account's signature of its fields for `target`; undefined
   * for a forged or altered one (any signed field changed, another resource, another account's key).
   */
  verify(params: URLSearchParams, target: SasTarget): VerifiedSas | undefined {
    const fields = {} as SignedFields;
    for (const name of SIGNED) fields[name] = params.get(name) ?? '';
    if (!timingSafeEqual(params.get('sig') ?? '', this.#signature(fields, target))) return undefined;
    const startsAt = params.has('st') ? Date.parse(fields.st) : Number.NEGATIVE_INFINITY;
    const expiresAt = Date.parse(fields.se);
    if (Number.isNaN(startsAt) || Number.isNaN(expiresAt)) return undefined;
    return {
      permissions: fields.sp,
      startsAt,
      expiresAt,
      ...(params.has('rscd') ? { contentDisposition: fields.rscd } : {}),
    };
  }

  #signature(f: SignedFields, target: SasTarget): string {
    const account = this.#accountName;
    const container = `/blob/${account}/${target.container}`;
    const signed =
      f.sr === ''
        ? // An account SAS (`ss`, `srt`); the mock binds the one storage/sasUri issues to its container.
          `${account}\n${f.sp}\n${f.ss}\n${f.srt}\n${f.st}\n${f.se}\n${f.sip}\n${f.spr}\n${f.sv}\n${f.ses}\n${container}`
        : `${f.sp}\n${f.st}\n${f.se}\n${f.sr === 'b' ? `${container}/${target.blob ?? ''}` : container}\n` +
          `${f.si}\n${f.sip}\n${f.spr}\n${f.sv}\n${f.sr}\n${f.sst}\n${f.ses}\n` +
          `${f.rscc}\n${f.rscd}\n${f.rsce}\n${f.rscl}\n${f.rsct}`;
    return toBase64(this.#sign(signed));
  }
}

let lastTimes: [number, string, number, string] = [Number.NaN, '', Number.NaN, ''];

/** A SAS time: ISO 8601 to the second, as Azure writes `st` and `se` (the last two are remembered). */
function sasTime(ms: number): string {
  if (ms === lastTimes[0]) return lastTimes[1];
  if (ms === lastTimes[2]) return lastTimes[3];
  const text = `${new Date(ms).toISOString().slice(0, 19)}Z`;
  lastTimes = [ms, text, lastTimes[0], lastTimes[1]];
  return text;
}

/** ASCII characters application/x-www-form-urlencoded leaves as they are. */
const FORM_SAFE = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789*-._')
  FORM_SAFE[c.charCodeAt(0)] = 1;
const HEX = '0123456789ABCDEF';

/** A value as URLSearchParams writes it (application/x-www-form-urlencoded), in one pass. */
function formEncode(value: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x80 && FORM_SAFE[c] === 1) continue;
    if (c >= 0x80) return new URLSearchParams({ v: value }).toString().slice(2);
    out += `${value.slice(from, i)}${c === 0x20 ? '+' : `%${HEX[c >> 4]}${HEX[c & 15]}`}`;
    from = i + 1;
  }
  return from === 0 ? value : out + value.slice(from);
}
