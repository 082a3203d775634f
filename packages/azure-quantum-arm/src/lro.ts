import { AZURE_REQUEST_ID_HEADERS, azureErrorDetails } from '@qc/auth';
import {
  createHttpError,
  type HttpError,
  parseMaybeJson,
  parseRetryAfter,
  redactUrl,
  requestIdFrom,
  type WaitProgress,
  waitFor,
} from '@qc/core';
import { OperationFailedError, UnsafeOperationUrlError } from './lro-errors.js';

export { OperationFailedError, UnsafeOperationUrlError } from './lro-errors.js';

/**
 * Azure Resource Manager long-running operations (LROs), generically: the request that starts the
 * operation names a status monitor in `Azure-AsyncOperation` (or `Operation-Location`) or in `Location`,
 * or the resource itself reports `properties.provisioningState`. The poller follows whichever the
 * service gave, waits as `Retry-After` says, stops on Succeeded/Failed/Canceled, turns a failure into a
 * typed error and fetches the final result. Monitor URLs must stay on the origin of the first request:
 * the poller's GETs carry the caller's token, so a URL elsewhere is an error, never a request.
 */

/** The response to the request that started the operation. */
export interface LroInitialResponse {
  /** Method and absolute URL of the starting request (the resource's URL for a PUT or DELETE). */
  method: string;
  /** The starting request's absolute URL. */
  url: string;
  /** The response status. */
  status: number;
  /** The response headers (`Azure-AsyncOperation`, `Location`, `Retry-After`). */
  headers: Headers;
  /** The parsed body, when there was one. */
  body?: unknown;
}

/** Where the poller reads the operation's progress. */
export type LroMonitor = 'azure-async-operation' | 'location' | 'resource' | 'none';

/** The operation's state, normalised: the last three are final. */
export type LroStatus = 'NotStarted' | 'InProgress' | 'Succeeded' | 'Failed' | 'Canceled';

/** A snapshot of the operation, for progress reports. Holds no bodies: they can carry secrets. */
export interface LroState {
  /** The normalised state. */
  status: LroStatus;
  /** The service's own word for the state, when it gave one: `InProgress`, `ProviderLaunching`, … */
  serviceStatus?: string;
  /** Where progress is read. */
  monitor: LroMonitor;
  /** The URL being polled, with query values redacted. */
  monitorUrl?: string;
  /** Status of the starting response: 201 (created) or 200 (updated), 202 (accepted) or 204 (absent). */
  initialStatus?: number;
  /** The monitor's `percentComplete`, when it reports one. */
  percentComplete?: number;
  /** Monitor requests sent so far. */
  polls: number;
}

/** Where the result of a successful operation comes from. */
export type LroFinalState = 'original-uri' | 'location' | 'none';

/** How a poller waits for a long-running operation. */
export interface LroWaitOptions {
  /** Stops the starting request and every wait; the operation itself goes on at the service. */
  signal?: AbortSignal;
  /** Give up waiting after this long (a WaitTimeoutError whose lastValue is the last LroState). */
  timeoutMs?: number;
  /** Wait between polls when the service sends no Retry-After. Default 2 000 ms, growing by `factor`. */
  initialDelayMs?: number;
  /** Default 1.5. */
  factor?: number;
  /** Longest computed wait (a Retry-After is honoured as given). Default 30 000 ms. */
  maxDelayMs?: number;
  /** Called after the start and after every poll. */
  onProgress?: (progress: WaitProgress<LroState>) => void;
  /** Waits `ms`, rejecting when `signal` fires. Default: an abortable setTimeout. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Monotonic clock in ms. Default performance.now. */
  now?: () => number;
}

/** What a poller needs: how to start the operation and poll it, and how to read its result. */
export interface LroPollerOptions<T> extends LroWaitOptions {
  /** Sends the request that starts the operation. Called once, when the poller is created. */
  start: (signal: AbortSignal | undefined) => Promise<LroInitialResponse>;
  /**
   * Sends an authenticated GET (with the client's retry policy) to a monitor or resource URL. The poller
   * has already checked that `url` is on the origin of the starting request.
   */
  get: (url: string, signal: AbortSignal | undefined) => Promise<Response>;
  /** Default: `original-uri` for PUT and PATCH, `none` for DELETE, `location` for POST. */
  finalState?: LroFinalState;
  /** Turns the final body into the result (undefined when the service sent none). */
  parseResult?: (body: unknown) => T;
  /** What runs, for messages: e.g. `"creation of workspace ws1"`. */
  description?: string;
  /** Values that must never appear in an error. */
  secrets?: () => Iterable<string>;
}

/** An operation in progress: await it for the result, or watch `state`, `onProgress` and `poll()`. */
export interface LroPoller<T> extends PromiseLike<T> {
  /** The latest snapshot. */
  readonly state: LroState;
  /** The starting response (e.g. the workspace as it is when its creation starts). */
  readonly started: Promise<LroInitialResponse>;
  /** Whether the operation reached Succeeded, Failed or Canceled. */
  isDone(): boolean;
  /** Reads the monitor once (no wait) and returns the new snapshot. */
  poll(options?: { signal?: AbortSignal }): Promise<LroState>;
  /** Waits until the operation is over and resolves with its result; the same promise on every call. */
  pollUntilDone(): Promise<T>;
  /** As a promise's `catch`: handles a failure of {@link LroPoller.pollUntilDone}. */
  catch<R = never>(onRejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R>;
}

interface Tracker {
  monitor: LroMonitor;
  url: string | undefined;
  status: LroStatus;
  serviceStatus?: string;
  percentComplete?: number;
  retryAfterMs?: number;
  /** The body the result is built from, when polling produced it. */
  finalBody?: unknown;
  hasFinalBody: boolean;
  error?: unknown;
  locationUrl?: string;
}

const TERMINAL: ReadonlySet<LroStatus> = new Set(['Succeeded', 'Failed', 'Canceled']);

/** Starts the operation now and returns its poller. */
export function createLroPoller<T>(options: LroPollerOptions<T>): LroPoller<T> {
  const secrets = () => [...(options.secrets?.() ?? [])];
  let initial: LroInitialResponse | undefined;
  let tracker: Tracker | undefined;
  let polls = 0;
  let inflight: Promise<LroState> | undefined;
  let completion: Promise<T> | undefined;
  let state: LroState = { status: 'NotStarted', monitor: 'none', polls: 0 };

  const started = options.start(options.signal).then((response) => {
    initial = response;
    tracker = classify(response);
    state = snapshot();
    return response;
  });
  // Nobody may be waiting yet; the failure is reported to whoever awaits the poller.
  started.catch(() => undefined);

  function origin(): URL {
    return new URL((initial as LroInitialResponse).url);
  }

  function checkedUrl(raw: string, header: string): string {
    const base = origin();
    let url: URL;
    try {
      url = new URL(raw, base);
    } catch {
      throw new UnsafeOperationUrlError(raw, base.origin, header);
    }
    if (url.origin !== base.origin) throw new UnsafeOperationUrlError(url.href, base.origin, header);
    return url.href;
  }

  function classify(response: LroInitialResponse): Tracker {
    const { status, headers, body } = response;
    if (status < 200 || status > 299) throw errorFrom(response.method, response.url, status, headers, body);
    const retryAfterMs = parseRetryAfter(headers);
    const asyncHeader = headers.get('azure-asyncoperation') ?? headers.get('operation-location');
    const location = headers.get('location') ?? undefined;
    const locationUrl = location ? checkedUrl(location, 'Location') : undefined;
    const base = { retryAfterMs, locationUrl, hasFinalBody: false };
    if (asyncHeader) {
      const url = checkedUrl(asyncHeader, 'Azure-AsyncOperation');
      return { ...base, monitor: 'azure-async-operation', url, status: 'InProgress' };
    }
    if (locationUrl && (status === 201 || status === 202)) {
      return { ...base, monitor: 'location', url: locationUrl, status: 'InProgress' };
    }
    if (status === 202) return { ...base, monitor: 'resource', url: response.url, status: 'InProgress' };
    const provisioning = provisioningStateOf(body);
    const mapped = provisioning === undefined ? 'Succeeded' : toStatus(provisioning);
    return {
      ...base,
      monitor: mapped === 'InProgress' ? 'resource' : 'none',
      url: mapped === 'InProgress' ? response.url : undefined,
      status: mapped,
      serviceStatus: provisioning,
      finalBody: status === 204 ? undefined : body,
      hasFinalBody: mapped !== 'InProgress',
    };
  }

  async function readMonitor(signal: AbortSignal | undefined): Promise<void> {
    const current = tracker as Tracker;
    const url = current.url as string;
    const response = await options.get(url, signal);
    polls += 1;
    const body = parseMaybeJson(await response.text(), response.headers.get('content-type'));
    current.retryAfterMs = parseRetryAfter(response.headers);
    const method = (initial as LroInitialResponse).method.toUpperCase();
    if (current.monitor === 'resource' && method === 'DELETE' && response.status === 404) {
      Object.assign(current, { status: 'Succeeded', hasFinalBody: true, finalBody: undefined });
      return;
    }
    if (!response.ok) throw errorFrom('GET', url, response.status, response.headers, body);
    if (current.monitor === 'azure-async-operation') {
      const record = asRecord(body);
      const word = typeof record.status === 'string' ? record.status : undefined;
      current.serviceStatus = word;
      current.status = word === undefined ? 'InProgress' : toStatus(word);
      current.percentComplete =
        typeof record.percentComplete === 'number' ? record.percentComplete : undefined;
      current.error = record.error;
    } else if (current.monitor === 'location') {
      if (response.status === 202) {
        const next = response.headers.get('location');
        if (next) current.url = checkedUrl(next, 'Location');
      } else {
        Object.assign(current, {
          status: 'Succeeded',
          hasFinalBody: true,
          finalBody: response.status === 204 || body === '' ? undefined : body,
        });
      }
    } else {
      const provisioning = provisioningStateOf(body);
      current.serviceStatus = provisioning;
      current.status = provisioning === undefined ? 'Succeeded' : toStatus(provisioning);
      // A resource being deleted is gone only when it answers 404; until then it can only fail.
      if (method === 'DELETE' && current.status === 'Succeeded') current.status = 'InProgress';
      if (current.status !== 'InProgress') Object.assign(current, { hasFinalBody: true, finalBody: body });
    }
  }

  function snapshot(): LroState {
    const current = tracker as Tracker;
    const next: LroState = {
      status: current.status,
      monitor: current.monitor,
      initialStatus: initial?.status,
      polls,
    };
    if (current.serviceStatus !== undefined) next.serviceStatus = current.serviceStatus;
    if (current.url !== undefined) next.monitorUrl = redactUrl(current.url);
    if (current.percentComplete !== undefined) next.percentComplete = current.percentComplete;
    return next;
  }

  function step(signal: AbortSignal | undefined): Promise<LroState> {
    inflight ??= (async () => {
      await started;
      if (!TERMINAL.has((tracker as Tracker).status)) await readMonitor(signal);
      state = snapshot();
      return state;
    })().finally(() => {
      inflight = undefined;
    });
    return inflight;
  }

  async function finish(): Promise<T> {
    const current = tracker as Tracker;
    const start = initial as LroInitialResponse;
    if (current.status === 'Failed' || current.status === 'Canceled') {
      throw new OperationFailedError({
        status: current.status,
        description: options.description,
        monitorUrl: current.url === undefined ? undefined : redactUrl(current.url),
        error: current.error,
        secrets: secrets(),
      });
    }
    const method = start.method.toUpperCase();
    const finalState =
      options.finalState ??
      (method === 'DELETE' ? 'none' : method === 'PUT' || method === 'PATCH' ? 'original-uri' : 'location');
    const parse = options.parseResult ?? ((body: unknown) => body as T);
    if (finalState === 'none') return parse(undefined);
    if (current.hasFinalBody && (current.monitor !== 'location' || finalState === 'location')) {
      return parse(current.finalBody);
    }
    const url = finalState === 'original-uri' ? start.url : current.locationUrl;
    if (url === undefined) return parse(undefined);
    const response = await options.get(url, options.signal);
    const body = parseMaybeJson(await response.text(), response.headers.get('content-type'));
    if (!response.ok) throw errorFrom('GET', url, response.status, response.headers, body);
    return parse(response.status === 204 || body === '' ? undefined : body);
  }

  function errorFrom(
    method: string,
    url: string,
    status: number,
    headers: Headers,
    body: unknown,
  ): HttpError {
    return createHttpError({
      method,
      url,
      status,
      headers,
      body,
      secrets: secrets(),
      retryAfterMs: parseRetryAfter(headers),
      details: azureErrorDetails(body, headers),
      requestId: requestIdFrom(headers, AZURE_REQUEST_ID_HEADERS),
    });
  }

  const poller: LroPoller<T> = {
    get state() {
      return state;
    },
    started,
    isDone: () => TERMINAL.has(state.status),
    poll: (pollOptions = {}) => step(pollOptions.signal ?? options.signal),
    pollUntilDone() {
      completion ??= (async () => {
        let first = true;
        await waitFor<LroState>({
          // The first observation is the starting response (its Retry-After sets the first wait).
          poll: async (signal) => {
            if (!first) return step(signal);
            first = false;
            await started;
            state = snapshot();
            return state;
          },
          isDone: (value) => TERMINAL.has(value.status),
          delayHint: () => tracker?.retryAfterMs,
          initialDelayMs: options.initialDelayMs ?? 2_000,
          factor: options.factor ?? 1.5,
          maxDelayMs: options.maxDelayMs ?? 30_000,
          timeoutMs: options.timeoutMs,
          signal: options.signal,
          onProgress: options.onProgress,
          sleep: options.sleep,
          now: options.now,
          description: options.description,
        });
        return finish();
      })();
      return completion;
    },
    // biome-ignore lint/suspicious/noThenProperty: a poller is awaited for its result, by design.
    then(onFulfilled, onRejected) {
      return poller.pollUntilDone().then(onFulfilled, onRejected);
    },
    catch(onRejected) {
      return poller.pollUntilDone().catch(onRejected);
    },
  };
  return poller;
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function provisioningStateOf(body: unknown): string | undefined {
  const value = asRecord(asRecord(body).properties).provisioningState;
  return typeof value === 'string' ? value : undefined;
}

/** ARM's terminal words (any case; `Cancelled` too); every other word means the operation still runs. */
function toStatus(word: string): LroStatus {
  switch (word.toLowerCase()) {
    case 'succeeded':
      return 'Succeeded';
    case 'failed':
      return 'Failed';
    case 'canceled':
    case 'cancelled':
      return 'Canceled';
    default:
      return 'InProgress';
  }
}
