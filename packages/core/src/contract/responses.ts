/**
 * Responses that remember their body. A fetch `Response` keeps its body as a stream: making one costs
 * a ReadableStream and its machinery, and reading it back (to check it against the spec, or to write
 * it to a socket) a clone, a tee and a pull per chunk — for a server, far more than making the answer
 * did. The mocks build their answers with these helpers: the text is kept as it is, whoever needs it
 * (the spec check, the mock cloud) asks {@link bodyTextOf}, and the body stream is made only when
 * someone reads the response as a fetch `Response` (msw, a test): `body`, `text()`, `json()`,
 * `clone()` and the rest behave as they do on `new Response(text, init)`.
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

  full(): Response {
    this.#full ??= new Response(this.#text, {
      status: this.status,
      statusText: this.statusText,
      headers: this.headers,
    });
    return this.#full;
  }

  isUsed(): boolean {
    return this.#full?.bodyUsed ?? false;
  }

  again(): TextBodyResponse {
    if (this.isUsed()) throw new TypeError('Response.clone: Body has already been consumed.');
    return new TextBodyResponse(
      this.#text,
      { status: this.status, statusText: this.statusText, headers: this.headers },
      '',
    );
  }
}

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

// The body members read the full Response (defined on the prototype: TypeScript declares them as
// properties of Response, which a class cannot redeclare as accessors).
const full = (response: Response) => (response as TextBodyResponse).full();
Object.defineProperties(TextBodyResponse.prototype, {
  body: {
    get: function (this: TextBodyResponse) {
      return this.full().body;
    },
    configurable: true,
  },
  bodyUsed: {
    get: function (this: TextBodyResponse) {
      return this.isUsed();
    },
    configurable: true,
  },
  arrayBuffer: {
    value: function (this: Response) {
      return full(this).arrayBuffer();
    },
    configurable: true,
    writable: true,
  },
  blob: {
    value: function (this: Response) {
      return full(this).blob();
    },
    configurable: true,
    writable: true,
  },
  bytes: {
    value: function (this: Response) {
      return (full(this) as Response & { bytes(): Promise<Uint8Array> }).bytes();
    },
    configurable: true,
    writable: true,
  },
  formData: {
    value: function (this: Response) {
      return full(this).formData();
    },
    configurable: true,
    writable: true,
  },
  json: {
    value: function (this: Response) {
      return full(this).json();
    },
    configurable: true,
    writable: true,
  },
  text: {
    value: function (this: Response) {
      return full(this).text();
    },
    configurable: true,
    writable: true,
  },
  clone: {
    value: function (this: TextBodyResponse) {
      return this.again();
    },
    configurable: true,
    writable: true,
  },
});

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
