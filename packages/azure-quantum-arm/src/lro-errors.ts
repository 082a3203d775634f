import { azureErrorDetails } from '@qc/auth';
import { parseProviderError, QcError, redactCredentials, redactSecrets, redactUrl } from '@qc/core';

/** The typed failures of a long-running operation (see lro.ts). */

/** The operation ended Failed or Canceled; `code` and `serviceMessage` come from the monitor's `error`. */
export class OperationFailedError extends QcError {
  override name = 'OperationFailedError';
  /** How the operation ended. */
  readonly status: 'Failed' | 'Canceled';
  /** The monitor's error code, when it gave one. */
  readonly code: string | undefined;
  /** The monitor's error message (credentials redacted), when it gave one. */
  readonly serviceMessage: string | undefined;
  /** The monitor URL, query values redacted. */
  readonly monitorUrl: string | undefined;

  constructor(init: {
    status: 'Failed' | 'Canceled';
    description?: string;
    monitorUrl?: string;
    error?: unknown;
    secrets?: readonly string[];
  }) {
    // Azure's `{ code, message }`, else a bare string `error` (read as the code, as before).
    const details =
      azureErrorDetails({ error: init.error }, new Headers()) ?? parseProviderError({ error: init.error });
    const clean = (text: string | undefined) =>
      text === undefined ? undefined : redactCredentials(redactSecrets(text, init.secrets ?? []));
    const code = clean(details.code);
    const serviceMessage = clean(details.message);
    const what = init.description ?? 'The long-running operation';
    const verb = init.status === 'Failed' ? 'failed' : 'was canceled';
    super([`${what} ${verb}`, code ? `[${code}]` : undefined, serviceMessage].filter(Boolean).join(' '));
    this.status = init.status;
    this.code = code;
    this.serviceMessage = serviceMessage;
    this.monitorUrl = init.monitorUrl;
  }

  /** The fields worth logging, all already redacted; `JSON.stringify(error)` calls this. */
  toJSON(): Record<string, unknown> {
    const { name, message, status, code, serviceMessage, monitorUrl } = this;
    return { name, message, status, code, serviceMessage, monitorUrl };
  }
}

/** A monitor URL that is not followed because it leaves the starting request's origin (or is not a URL). */
export class UnsafeOperationUrlError extends QcError {
  override name = 'UnsafeOperationUrlError';
  /** The refused URL, query values redacted. */
  readonly url: string;
  /** The origin of the starting request. */
  readonly expectedOrigin: string;
  constructor(url: string, expectedOrigin: string, header: string) {
    const shown = redactUrl(url);
    super(`Refusing to poll ${shown} from the ${header} header: it is not on ${expectedOrigin}`);
    this.url = shown;
    this.expectedOrigin = expectedOrigin;
  }
}
