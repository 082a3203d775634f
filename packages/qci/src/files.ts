import { type CallOptions, requireField } from '@qc/auth';
import { InvalidArgumentError, isSafeIdentifier, RETRY_HEADER, throwIfAborted } from '@qc/core';
import type { Client } from './generated/client.gen.js';
import { createFile, getFile, getFilePart, uploadFilePart } from './generated/sdk.gen.js';
import type { FileMetadata, FileMetadataPost, FilePartPatch } from './generated/types.gen.js';

/** The input file types a user uploads (result files are written by QCi). */
export type InputFileType = 'constraints' | 'graph' | 'hamiltonian' | 'objective' | 'polynomial' | 'qubo';

/**
 * A whole file in the form QCi's own client takes: one `file_config` entry whose value holds the
 * metadata (`num_variables`, …) and the data arrays (`data`, or `nodes` and `links` for graphs).
 */
export interface QciFile {
  /** A name for the file. */
  file_name?: string;
  /** `{ [fileType]: { ...metadata, ...dataArrays } }`, with exactly one input file type. */
  file_config: Record<string, Record<string, unknown>>;
}

/** How far an upload is, after each part. */
export interface UploadProgress {
  /** Parts uploaded so far. */
  partsUploaded: number;
  /** Parts in all. */
  totalParts: number;
  /** Bytes of the parts uploaded so far, as sent (after gzip with `compress`). */
  bytesUploaded: number;
}

/** Most parts a downloaded file may have: more is not a file QCi wrote (10 000 elements per part). */
export const MAX_FILE_PARTS = 100_000;

/** Options of {@link QciClient.uploadFile}: the call's options, and how the file is cut and sent. */
export interface UploadOptions extends Omit<CallOptions, 'onResponse'> {
  /** Parts uploaded at once (default 8, like QCi's client). Memory ≈ part size × concurrency. */
  concurrency?: number;
  /** Array elements per part (default 10 000, or 20 000 with `compress`, QCi's own rule). */
  partSize?: number;
  /** Send each part as gzip (QCi accepts it with the same JSON content type). Default false. */
  compress?: boolean;
  /** Called after each part is uploaded. */
  onProgress?: (progress: UploadProgress) => void;
}

/** Options of {@link QciClient.downloadFile}: the call's options and the parts fetched at once. */
export interface DownloadOptions extends Omit<CallOptions, 'onResponse'> {
  /** Parts fetched at once (default 8). */
  concurrency?: number;
}

const INPUT_TYPES = new Set<string>([
  'constraints',
  'graph',
  'hamiltonian',
  'objective',
  'polynomial',
  'qubo',
]);

/** Splits a file into its metadata and its array fields, checking it names exactly one input type. */
function splitFile(file: QciFile): {
  type: string;
  meta: Record<string, unknown>;
  arrays: Record<string, unknown[]>;
} {
  const entries = Object.entries(file?.file_config ?? {});
  if (entries.length !== 1)
    throw new InvalidArgumentError('file_config must have exactly one entry: the file type');
  const [type, content] = entries[0] as [string, Record<string, unknown>];
  if (!INPUT_TYPES.has(type)) {
    throw new InvalidArgumentError(
      `file type "${type}" is not an input type (${[...INPUT_TYPES].join(', ')})`,
    );
  }
  const meta: Record<string, unknown> = {};
  const arrays: Record<string, unknown[]> = {};
  for (const [key, value] of Object.entries(content ?? {})) {
    if (Array.isArray(value)) arrays[key] = value;
    else meta[key] = value;
  }
  if (Object.keys(arrays).length === 0) {
    throw new InvalidArgumentError(`file_config.${type} has no data arrays (data, or nodes and links)`);
  }
  return { type, meta, arrays };
}

/**
 * Uploads a file the way QCi's client does: the metadata first (`POST /files` → file id), then the
 * arrays in numbered parts (`PATCH …/contents/{n}`, 1-based) with bounded concurrency. Parts are
 * sliced lazily, so only `concurrency` parts are serialised at any time. A part that fails with a
 * 429/5xx/network error is retried (re-uploading a numbered part is idempotent).
 */
export async function uploadFile(
  client: Client,
  file: QciFile,
  options: UploadOptions = {},
): Promise<string> {
  const { type, meta, arrays } = splitFile(file);
  const partSize = positiveInteger('partSize', options.partSize ?? (options.compress ? 20_000 : 10_000));
  const concurrency = positiveInteger('concurrency', options.concurrency ?? 8);
  const longest = Math.max(...Object.values(arrays).map((a) => a.length));
  // An empty file still sends one part, with empty arrays.
  const totalParts = Math.max(1, Math.ceil(longest / partSize));
  throwIfAborted(options.signal);

  const body = {
    ...(file.file_name === undefined ? {} : { file_name: file.file_name }),
    file_config: { [type]: meta },
  } as FileMetadataPost;
  const call = callOptionsOf(options);
  const created = await createFile({ ...call, client, body });
  // The id goes into every part's path: a 2xx without a usable one is an unusable answer.
  const fileId = requireField(
    created,
    'file_id',
    (data) => (data as { file_id?: string } | null)?.file_id,
    isSafeIdentifier,
  );

  let partsUploaded = 0;
  let bytesUploaded = 0;
  await runPool(totalParts, concurrency, options.signal, async (index) => {
    const part: Record<string, unknown[]> = {};
    for (const [key, values] of Object.entries(arrays)) {
      part[key] = values.slice(index * partSize, (index + 1) * partSize);
    }
    const json = JSON.stringify({ file_config: { [type]: part } });
    const payload = options.compress ? await gzip(json) : json;
    await uploadFilePart({
      client,
      path: { file_id: fileId, part_number: index + 1 },
      // The SDK would serialise an object; the prepared text (or gzip bytes) is sent as it is.
      body: payload as unknown as FilePartPatch,
      bodySerializer: (value: unknown) => value as string,
      ...call,
      headers: { ...call.headers, [RETRY_HEADER]: 'idempotent' },
    });
    partsUploaded += 1;
    bytesUploaded +=
      typeof payload === 'string' ? new TextEncoder().encode(payload).length : payload.byteLength;
    options.onProgress?.({ partsUploaded, totalParts, bytesUploaded });
  });
  return fileId;
}

/** A downloaded file: its metadata and, under its one `file_config` entry, the reassembled arrays. */
/** A downloaded file: its parts reassembled into one {@link QciFile}, with its id and metadata. */
export interface DownloadedFile extends QciFile {
  /** The file's id. */
  file_id: string;
  /** The file's metadata as QCi stores it (type, sizes, dates). */
  metadata: FileMetadata;
}

/** Fetches a file's metadata, then all its parts (bounded concurrency), and reassembles them in order. */
export async function downloadFile(
  client: Client,
  fileId: string,
  options: DownloadOptions = {},
): Promise<DownloadedFile> {
  const concurrency = positiveInteger('concurrency', options.concurrency ?? 8);
  const call = callOptionsOf(options);
  const result = await getFile({ ...call, client, path: { file_id: fileId } });
  // The part count drives the number of requests: a count QCi could not have written is refused.
  requireField(
    result,
    'num_parts',
    (data) => (data as { num_parts?: number } | null)?.num_parts,
    (count) => Number.isInteger(count) && count >= 0 && count <= MAX_FILE_PARTS,
  );
  const metadata = result.data;
  const [type, meta] = (Object.entries(metadata.file_config)[0] ?? ['unknown', {}]) as [string, object];
  const parts: Record<string, unknown>[] = new Array(metadata.num_parts);
  await runPool(metadata.num_parts, concurrency, options.signal, async (index) => {
    const { data } = await getFilePart({
      client,
      ...call,
      path: { file_id: fileId, part_number: index + 1 },
    });
    parts[index] = ((data.file_config as Record<string, unknown>)[type] ?? {}) as Record<string, unknown>;
  });
  const assembled: Record<string, unknown> = { ...meta };
  for (const part of parts) {
    for (const [key, value] of Object.entries(part ?? {})) {
      if (Array.isArray(value))
        assembled[key] = [...((assembled[key] as unknown[] | undefined) ?? []), ...value];
      else if (!(key in assembled)) assembled[key] = value;
    }
  }
  return {
    file_id: fileId,
    ...(metadata.file_name === undefined ? {} : { file_name: metadata.file_name }),
    file_config: { [type]: assembled },
    metadata,
  };
}

function callOptionsOf(options: UploadOptions | DownloadOptions): CallOptions {
  const { signal, timeoutMs, retry, headers } = options;
  return { signal, timeoutMs, retry, headers };
}

/** Runs `task(0..count-1)` with at most `concurrency` in flight; the first failure stops new work. */
async function runPool(
  count: number,
  concurrency: number,
  signal: AbortSignal | undefined,
  task: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < count) {
      throwIfAborted(signal);
      const index = next++;
      try {
        await task(index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

async function gzip(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1)
    throw new InvalidArgumentError(`${name} must be a positive integer`);
  return value;
}
