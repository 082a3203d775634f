/** One served request as the mock cloud reports it: never headers, query strings or bodies. */
export interface RequestLine {
  method: string;
  path: string;
  status: number;
}

/**
 * The command line's request log: `status METHOD /path`, one line per request. Lines are gathered and
 * written once per turn of the event loop: a terminal or a pipe takes one write per batch instead of a
 * (blocking) write per request, and the lines keep their order.
 */
export function createRequestLog(write: (chunk: string) => void): (line: RequestLine) => void {
  let pending = '';
  const flush = () => {
    const chunk = pending;
    pending = '';
    write(chunk);
  };
  return ({ method, path, status }) => {
    if (pending === '') setImmediate(flush);
    pending += `${status} ${method} ${path}\n`;
  };
}
