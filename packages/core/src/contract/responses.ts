/**
 * Responses that remember their body. A fetch `Response` keeps its body as a stream: making one costs
 * a ReadableStream and its machinery, and reading it back (to check it against the spec, or to write
 * it to a socket) a clone, a tee and a pull per chunk — for a server, far more than making the answer
 * did (and in Node 20 every `clone()` stays in memory for good). The mocks build their answers with
 * these helpers: the text is kept as it is, whoever needs it (the spec check, the mock cloud) asks
 * {@link bodyTextOf}, and the body stream is made only when someone reads the response as a fetch
 * `Response` (msw, a test): `body`, `text()`, `json()`, `clone()` and the rest behave as they do on
 * `new Response(text, init)`.
 */
class TextBodyResponse extends Response {
  readonly #text: string;
  /** The same answer as an ordinary Response, made the first time the body is asked for. */
  #full: Response | undefined;

  constructor(text: string, init: ResponseInit, defaultType: string) {
    super(null, init);
    if (NULL_BODY_STATUSES.has(this.status)) {
      // As the Response constructor: these statuses carry no body.
      throw new TypeError(`Response with null body status ${this.status} cannot have body`);
    }
    if (!this.headers.has('content-type')) this.headers.set('content-type', defaultType);
    this.#text = text;
  }

  static textOf(response: Response): string | undefined {
    return #text in response ? response.#text : undefined;
  }

  static {
    // The body members answer from the full Response. They are defined on the prototype: TypeScript
    // declares them as properties of Response, which a class cannot redeclare as accessors. Only the
    // methods this runtime's Response has (`bytes()` is recent).
    const full = (response: TextBodyResponse): Response => {
      response.#full ??= new Response(response.#text, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
      return response.#full;
    };
    const used = (response: TextBodyResponse) => response.#full?.bodyUsed ?? false;
    Object.defineProperties(TextBodyResponse.prototype, {
      body: {
        get(this: TextBodyResponse) {
          return full(this).body;
        },
        configurable: true,
      },
      bodyUsed: {
        get(this: TextBodyResponse) {
          return used(this);
        },
        configurable: true,
      },
      clone: {
        value(this: TextBodyResponse) {
          if (used(this)) throw new TypeError('Response.clone: Body has already been consumed.');
          const { status, statusText, headers } = this;
          return new TextBodyResponse(this.#text, { status, statusText, headers }, '');
        },
        configurable: true,
        writable: true,
      },
    });
    for (const name of ['arrayBuffer', 'blob', 'bytes', 'formData', 'json', 'text']) {
      if (!(name in Response.prototype)) continue;
      Object.defineProperty(TextBodyResponse.prototype, name, {
        value(this: TextBodyResponse) {
          const response = full(this) as unknown as Record<string, () => unknown>;
          return response[name]?.call(response);
        },
        configurable: true,
        writable: true,
      });
    }
  }
}

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** `Response.json(data, init)`, remembering the JSON text. */
export function jsonResponse(data: unknown, init: ResponseInit = {}): Response {
  const text = JSON.stringify(data) as string | undefined;
  // As Response.json: a value JSON cannot write (undefined, a function) is an error, not an empty body.
  if (text === undefined) throw new TypeError('Value is not JSON serializable');
  return new TextBodyResponse(text, init, 'application/json');
}

/** `new Response(text, init)`, remembering the text. */
export function textResponse(text: string, init: ResponseInit = {}): Response {
  return new TextBodyResponse(text, init, 'text/plain;charset=UTF-8');
}

/**
 * The body text of a response made by {@link jsonResponse} or {@link textResponse}, without reading its
 * stream; undefined for any other response, whose body must be read.
 */
export function bodyTextOf(response: Response): string | undefined {
  return TextBodyResponse.textOf(response);
}
