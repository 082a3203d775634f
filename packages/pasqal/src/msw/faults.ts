// Faults injected into the mock's operations, for error paths: a status instead of the answer, a delay.
import { type MockOperation, textResponse } from '@qc/core/contract';
import type { PasqalMockState } from './state.js';

/** A fault injected into the next call(s) of an operation. */
export interface MockFault {
  /** Answer with this status (and `body`) instead of the operation's response. Omit to only delay. */
  status?: number;
  /** JSON body (an object) or text (a string) of the fault's response. */
  body?: unknown;
  /** Headers of the fault's response (`retry-after`, say). */
  headers?: Record<string, string>;
  /**
   * Run the operation first, keeping its effects, then answer with the fault: a gateway that gave up
   * while the service did the work (a batch created behind a 504).
   */
  afterEffect?: boolean;
  /** Wait this long before answering (real time), e.g. longer than the client's time limit. */
  delayMs?: number;
  /** How many calls the fault applies to (default 1). */
  times?: number;
}

/** The faults still pending, per operationId, in the order they were injected. */
export class MockFaults {
  readonly #faults = new Map<string, MockFault[]>();

  /** Makes the next call(s) of `operationId` fail, or be slow. */
  inject(operationId: string, fault: MockFault): void {
    const list = this.#faults.get(operationId) ?? [];
    list.push({ times: 1, ...fault });
    this.#faults.set(operationId, list);
  }

  /** Removes the faults still pending for `operationId` (or for every operation). */
  clear(operationId?: string): void {
    if (operationId === undefined) this.#faults.clear();
    else this.#faults.delete(operationId);
  }

  /** The fault for this call of `operationId`, if any (consumes one use). */
  take(operationId: string): MockFault | undefined {
    const list = this.#faults.get(operationId);
    const fault = list?.[0];
    if (!list || !fault) return undefined;
    fault.times = (fault.times ?? 1) - 1;
    if (fault.times <= 0) list.shift();
    return fault;
  }
}

/** Counts calls and applies injected faults (a status instead of the response, a delay, or both). */
export function withFaults(
  state: PasqalMockState,
  implementations: Record<string, MockOperation>,
): Record<string, MockOperation> {
  return Object.fromEntries(
    Object.entries(implementations).map(([operationId, implementation]) => [
      operationId,
      async (ctx) => {
        state.calls[operationId] = (state.calls[operationId] ?? 0) + 1;
        const fault = state.takeFault(operationId);
        if (!fault) return implementation(ctx);
        const effect =
          fault.status === undefined || fault.afterEffect ? await implementation(ctx) : undefined;
        if (fault.delayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
        if (fault.status === undefined) return effect as Response;
        const headers = new Headers(fault.headers);
        if (typeof fault.body === 'string') {
          if (!headers.has('content-type')) headers.set('content-type', 'text/plain');
          return textResponse(fault.body, { status: fault.status, headers });
        }
        if (fault.body === undefined) return new Response(null, { status: fault.status, headers });
        headers.set('content-type', 'application/json');
        return textResponse(JSON.stringify(fault.body), { status: fault.status, headers });
      },
    ]),
  );
}
