import { textResponse } from '@qc/core/contract';
import { http, type RequestHandler } from 'msw';
import { SAS_VERSION, SasSigner } from './sas.js';

/** Options of {@link createBlobStoreMock}. */
export interface BlobStoreMockOptions {
  /** The account URL (default `https://mystorage.blob.core.windows.net`); a path prefix is kept. */
  accountUrl?: string;
  /** Clock (epoch ms) for SAS validity; default Date.now. */
  now?: () => number;
}

/** A blob as the mock keeps it. */
export interface StoredBlob {
  /** Its content. */
  bytes: Uint8Array;
  /** The `Content-Type` it was put with. */
  contentType: string;
  /** Its `ETag`, quoted. */
  etag: string;
  /** When it was put, in epoch ms. */
  lastModified: number;
}

/** What a SAS allows: one container (and, for a blob SAS, one blob), some permissions, some time. */
export interface SasGrant {
  /** The container. */
  container: string;
  /** The blob, for a blob SAS. */
  blob?: string;
  /** Letters of `rwdlac…`. */
  permissions: string;
  /** Start of validity (`st`), in epoch ms. */
  startsAt: number;
  /** End of validity (`se`), in epoch ms. */
  expiresAt: number;
  /** `account` is the shape storage/sasUri returns for containers (`ss=b&srt=co`). */
  kind: 'account' | 'container' | 'blob';
  /** `rscd`: the Content-Disposition served with the blob. */
  contentDisposition?: string;
}

/** What the blob store holds and counts, for assertions. */
export interface BlobStoreState {
  /** Blobs by name, by container name. */
  readonly containers: Map<string, Map<string, StoredBlob>>;
  /** Counters tests assert on. */
  readonly counters: {
    /** Blobs put. */
    puts: number;
    /** Blobs read. */
    gets: number;
    /** Requests refused for their SAS (missing, forged, expired, lacking a permission). */
    rejected: number;
    /**
     * Requests that carried an Azure credential header — `Authorization` or `x-ms-quantum-api-key`:
     * with SAS URLs, neither a bearer token nor a workspace key may ever reach storage.
     */
    withCredentialHeader: number;
  };
}

/** A mock storage account, made by {@link createBlobStoreMock}. */
export interface BlobStoreMock {
  /** The account URL, without a trailing slash. */
  readonly accountUrl: string;
  /** Containers, blobs and counters. */
  readonly state: BlobStoreState;
  /** The mock as a plain function; undefined for requests to another host. */
  handle(request: Request): Promise<Response | undefined>;
  /** msw handlers for `setupServer(...)` / `server.use(...)`. */
  handlers: RequestHandler[];
  /** A SAS URL for the grant (container URL, or blob URL when `blob` is set). */
  issueSas(grant: SasGrant): string;
  /** The URL of a container or blob, without SAS. */
  urlOf(container: string, blob?: string): string;
  /** The container and blob a URL of this account names (frozen), or undefined for another host. */
  locate(url: string):
    | Readonly<{
        /** The container's name. */
        container: string;
        /** The blob's name, when the URL names one. */
        blob?: string;
      }>
    | undefined;
  /** Creates a container, without a request; false when it exists already. */
  createContainer(name: string): boolean;
  /** Stores a blob, without a request (and its container when missing). */
  putBlob(container: string, blob: string, bytes: Uint8Array, contentType: string): void;
  /** A stored blob, or undefined. */
  getBlob(container: string, blob: string): StoredBlob | undefined;
}

/** The storage service version the mock answers with (`x-ms-version`) and signs its SAS for (`sv`). */
export const BLOB_MOCK_VERSION = SAS_VERSION;

/**
 * A mock of one Azure Blob Storage account reached with SAS URLs, as Azure Quantum jobs use it:
 * Create Container / Get Container Properties, Put Blob, Get Blob (ranges too) and Delete Blob. A SAS
 * is honoured only as issued by {@link BlobStoreMock.issueSas}: a changed field or an unknown `sig` is
 * `AuthenticationFailed`, an expired one says so, a missing permission is
 * `AuthorizationPermissionMismatch`. Errors are Storage's XML bodies with `x-ms-error-code`.
 *
 * As Azure Storage does, the mock remembers no SAS: `sig` is an HMAC-SHA256, under an account key made
 * when the mock is, of the SAS's signed fields and the resource it names (Azure's string-to-sign), and
 * is checked by signing again on use. Any number of SAS URLs costs no memory.
 */
export function createBlobStoreMock(options: BlobStoreMockOptions = {}): BlobStoreMock {
  const account = new URL(options.accountUrl ?? 'https://mystorage.blob.core.windows.net');
  const accountUrl = `${account.origin}${account.pathname.replace(/\/+$/, '')}`;
  const basePath = account.pathname.replace(/\/+$/, '');
  const now = options.now ?? (() => Date.now());
  const signer = new SasSigner(account, basePath);
  const state: BlobStoreState = {
    containers: new Map(),
    counters: { puts: 0, gets: 0, rejected: 0, withCredentialHeader: 0 },
  };

  const urlOf = (container: string, blob?: string) =>
    `${accountUrl}/${container}${blob === undefined ? '' : `/${blob.split('/').map(encodeURIComponent).join('/')}`}`;

  // Jobs name the same few URLs on every read: where they point is worked out once (a bounded memo).
  const located = new Map<string, { container: string; blob?: string } | undefined>();
  const locate: BlobStoreMock['locate'] = (raw) => {
    if (located.has(raw)) return located.get(raw);
    // Frozen: callers share it (a copy per call cost a read of a job several microseconds, measured).
    const found = parse(raw);
    const target = found === undefined ? undefined : Object.freeze(found);
    if (located.size >= 1024) located.clear();
    located.set(raw, target);
    return target;
  };

  const parse = (raw: string): { container: string; blob?: string } | undefined => {
    // The URLs this store writes (urlOf) start with the account URL: no parsing needed for those
    // (unless a `.` or `..` segment needs resolving).
    const rest = raw.startsWith(`${accountUrl}/`)
      ? raw.slice(accountUrl.length + 1).split(/[?#]/, 1)[0]
      : undefined;
    const pathname =
      rest !== undefined && !/(^|\/)\.\.?(\/|$)/.test(rest) ? `${basePath}/${rest}` : pathOfAccountUrl(raw);
    if (pathname === undefined) return undefined;
    const [container, ...segments] = pathname.slice(basePath.length + 1).split('/');
    if (!container) return undefined;
    try {
      return segments.length === 0 || segments.join('') === ''
        ? { container: decodeURIComponent(container) }
        : { container: decodeURIComponent(container), blob: segments.map(decodeURIComponent).join('/') };
    } catch {
      // Not valid percent-encoding: no container or blob has that name.
      return undefined;
    }
  };

  /** The path of a URL of this account (another spelling of its host, `:443`), or undefined. */
  const pathOfAccountUrl = (raw: string): string | undefined => {
    const url = new URL(raw);
    return url.origin === account.origin && url.pathname.startsWith(`${basePath}/`)
      ? url.pathname
      : undefined;
  };

  const issueSas: BlobStoreMock['issueSas'] = (grant) =>
    `${urlOf(grant.container, grant.kind === 'blob' ? grant.blob : undefined)}?${signer.issue(grant)}`;

  /** The SAS's grant when it is genuine and valid now; otherwise the error response. */
  const authorize = (url: URL, target: { container: string; blob?: string }, need: string) => {
    const sig = url.searchParams.get('sig');
    if (!sig)
      return storageError(
        401,
        'NoAuthenticationInformation',
        'Server failed to authenticate the request. Please refer to the information in the www-authenticate header.',
      );
    const grant = signer.verify(url.searchParams, target);
    if (!grant) {
      return storageError(
        403,
        'AuthenticationFailed',
        'Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.',
        'Signature did not match.',
      );
    }
    const at = now();
    if (at < grant.startsAt || at > grant.expiresAt) {
      const iso = (ms: number) => new Date(ms).toUTCString();
      return storageError(
        403,
        'AuthenticationFailed',
        'Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.',
        `Signed expiry time [${iso(grant.expiresAt)}] must be after signed start time and the current time [${iso(at)}]. Signature not valid in the specified time frame.`,
      );
    }
    if (url.searchParams.get('spr') === 'https' && url.protocol !== 'https:') {
      return storageError(
        403,
        'AuthorizationProtocolMismatch',
        'This request is not authorized to perform this operation using this protocol.',
      );
    }
    if (![...need].some((letter) => grant.permissions.includes(letter))) {
      return storageError(
        403,
        'AuthorizationPermissionMismatch',
        'This request is not authorized to perform this operation using this permission.',
      );
    }
    return grant;
  };

  const handle = async (request: Request): Promise<Response | undefined> => {
    const url = new URL(request.url);
    const target = locate(request.url);
    if (!target) {
      const inAccount = url.origin === account.origin && url.pathname.startsWith(`${basePath}/`);
      // A path of the account that names nothing (`%zz`) is Storage's InvalidUri, not someone else's.
      return inAccount && url.pathname.length > basePath.length + 1
        ? storageError(400, 'InvalidUri', 'The requested URI does not represent any resource on the server.')
        : undefined;
    }
    if (request.headers.has('authorization') || request.headers.has('x-ms-quantum-api-key')) {
      state.counters.withCredentialHeader += 1;
    }
    const isContainerCall = url.searchParams.get('restype') === 'container';
    const method = request.method;
    const need =
      method === 'GET' || method === 'HEAD' ? 'r' : method === 'DELETE' ? 'd' : isContainerCall ? 'c' : 'wc';
    const grant = authorize(url, target, need);
    if (grant instanceof Response) {
      state.counters.rejected += 1;
      return grant;
    }
    const blobs = state.containers.get(target.container);
    if (isContainerCall) {
      if (method === 'PUT') {
        return createContainer(target.container)
          ? new Response(null, { status: 201, headers: commonHeaders() })
          : storageError(409, 'ContainerAlreadyExists', 'The specified container already exists.');
      }
      if (method === 'GET' || method === 'HEAD') {
        return blobs
          ? new Response(null, {
              status: 200,
              headers: {
                ...commonHeaders(),
                'x-ms-lease-state': 'available',
                'x-ms-lease-status': 'unlocked',
              },
            })
          : storageError(404, 'ContainerNotFound', 'The specified container does not exist.');
      }
      return storageError(405, 'UnsupportedHttpVerb', "The resource doesn't support specified Http Verb.");
    }
    if (!blobs) return storageError(404, 'ContainerNotFound', 'The specified container does not exist.');
    const name = target.blob as string;
    if (method === 'PUT') {
      const blobType = request.headers.get('x-ms-blob-type');
      if (!blobType)
        return storageError(
          400,
          'MissingRequiredHeader',
          "An HTTP header that's mandatory for this request is not specified.",
        );
      if (blobType !== 'BlockBlob')
        return storageError(
          400,
          'InvalidHeaderValue',
          'The value for one of the HTTP headers is not in the correct format.',
        );
      const bytes = new Uint8Array(await request.arrayBuffer());
      const contentType =
        request.headers.get('x-ms-blob-content-type') ??
        request.headers.get('content-type') ??
        'application/octet-stream';
      putBlob(target.container, name, bytes, contentType);
      state.counters.puts += 1;
      const stored = blobs.get(name) as StoredBlob;
      return new Response(null, {
        status: 201,
        headers: {
          ...commonHeaders(),
          etag: stored.etag,
          'last-modified': new Date(stored.lastModified).toUTCString(),
          'x-ms-request-server-encrypted': 'true',
        },
      });
    }
    const blob = blobs.get(name);
    if (method === 'DELETE') {
      if (!blob) return storageError(404, 'BlobNotFound', 'The specified blob does not exist.');
      blobs.delete(name);
      return new Response(null, { status: 202, headers: commonHeaders() });
    }
    if (method !== 'GET' && method !== 'HEAD')
      return storageError(405, 'UnsupportedHttpVerb', "The resource doesn't support specified Http Verb.");
    if (!blob) return storageError(404, 'BlobNotFound', 'The specified blob does not exist.');
    state.counters.gets += 1;
    const headers: Record<string, string> = {
      ...commonHeaders(),
      'content-type': blob.contentType,
      etag: blob.etag,
      'last-modified': new Date(blob.lastModified).toUTCString(),
      'x-ms-blob-type': 'BlockBlob',
      'x-ms-server-encrypted': 'true',
      'accept-ranges': 'bytes',
    };
    if (grant.contentDisposition) headers['content-disposition'] = grant.contentDisposition;
    const range = /^bytes=(\d+)-(\d*)$/.exec(
      request.headers.get('x-ms-range') ?? request.headers.get('range') ?? '',
    );
    if (range) {
      const start = Number(range[1]);
      const end = Math.min(range[2] ? Number(range[2]) : blob.bytes.length - 1, blob.bytes.length - 1);
      if (start >= blob.bytes.length)
        return storageError(
          416,
          'InvalidRange',
          'The range specified is invalid for the current size of the resource.',
        );
      headers['content-range'] = `bytes ${start}-${end}/${blob.bytes.length}`;
      return new Response(method === 'HEAD' ? null : blob.bytes.slice(start, end + 1), {
        status: 206,
        headers,
      });
    }
    return new Response(method === 'HEAD' ? null : blob.bytes.slice(), { status: 200, headers });
  };

  function createContainer(name: string): boolean {
    if (state.containers.has(name)) return false;
    state.containers.set(name, new Map());
    return true;
  }

  function putBlob(container: string, blob: string, bytes: Uint8Array, contentType: string): void {
    if (!state.containers.has(container)) createContainer(container);
    const at = now();
    state.containers.get(container)?.set(blob, {
      bytes: bytes.slice(),
      contentType,
      etag: `"0x${at.toString(16).toUpperCase()}${bytes.length.toString(16)}"`,
      lastModified: at,
    });
  }

  return {
    accountUrl,
    state,
    handle,
    handlers: [http.all('*', ({ request }) => handle(request))],
    issueSas,
    urlOf,
    locate,
    createContainer,
    putBlob,
    getBlob: (container, blob) => state.containers.get(container)?.get(blob),
  };
}

function commonHeaders(): Record<string, string> {
  return {
    'x-ms-version': BLOB_MOCK_VERSION,
    'x-ms-request-id': globalThis.crypto.randomUUID(),
    date: new Date().toUTCString(),
  };
}

function storageError(status: number, code: string, message: string, detail?: string): Response {
  const requestId = globalThis.crypto.randomUUID();
  const body =
    `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}\nRequestId:${requestId}\nTime:${new Date().toISOString()}</Message>` +
    `${detail ? `<AuthenticationErrorDetail>${detail}</AuthenticationErrorDetail>` : ''}</Error>`;
  return textResponse(body, {
    status,
    headers: { 'content-type': 'application/xml', 'x-ms-error-code': code, 'x-ms-request-id': requestId },
  });
}
