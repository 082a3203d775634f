import { createHttpError, NetworkError, parseRetryAfter, QcError } from './errors.js';

/** Options of {@link createErrorInterceptor}. */
export interface ErrorInterceptorOptions {
  /**
   * Values that must never appear in an error (a refresh token the request carried, say), looked up
   * when an error is built. Services sometimes echo input back in their error bodies.
   */
  secrets?: () => Iterable<string>;
}

/**
 * Builds an error interceptor for hey-api generated clients (`client.interceptors.error.use(...)`):
 * it turns whatever the generated client reports — the parsed body of a non-2xx response, or the
 * reason `fetch` rejected — into a typed qc error. Errors that are already typed (a QcError from the
 * auth layer, a TimeoutError, the caller's abort) pass through unchanged.
 */
export function createErrorInterceptor(options: ErrorInterceptorOptions = {}) {
  return (error: unknown, response: Response | undefined, request: Request): unknown => {
    if (response === undefined) {
      if (error instanceof QcError) return error;
      if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError'))
        return error;
      // A fetch error can quote what it refused (an invalid header value, say): it is kept as the cause
      // only when none of the client's secrets appear in it.
      const secrets = options.secrets ? [...options.secrets()] : [];
      const text =
        error instanceof Error
          ? `${error.message}\n${error.stack ?? ''}\n${String(error.cause)}`
          : String(error);
      const leaks = secrets.some((secret) => secret.length >= 4 && text.includes(secret));
      return new NetworkError(request.method, request.url, leaks ? {} : { cause: error });
    }
    return createHttpError({
      method: request.method,
      url: request.url,
      status: response.status,
      statusText: response.statusText,
      body: error,
      headers: response.headers,
      secrets: options.secrets ? [...options.secrets()] : [],
      retryAfterMs: parseRetryAfter(response.headers),
    });
  };
}

/** The error interceptor without request-specific secrets. */
export const toQcError = createErrorInterceptor();
