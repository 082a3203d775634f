/** Counts what a tour section sent, by looking at each request's URL (never headers or bodies). */
export interface Traffic {
  requests: number;
  tokenRequests: number;
}

const TOKEN_PATHS = [
  /\/auth\/v1\/access-tokens\/?$/,
  /\/oauth\/token$/,
  /\/oauth2\/v2\.0\/token$/,
  /\/protocol\/openid-connect\/token$/,
];

/** A fetch that counts requests and token requests, then sends them on unchanged. */
export function countingFetch(traffic: Traffic): typeof fetch {
  return ((input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    traffic.requests += 1;
    if (TOKEN_PATHS.some((pattern) => pattern.test(url.pathname))) traffic.tokenRequests += 1;
    return globalThis.fetch(input, init);
  }) as typeof fetch;
}

export interface SummaryRow {
  provider: string;
  job: string;
  status: string;
  requests: number;
  tokenRequests: number;
}

export function renderSummary(rows: readonly SummaryRow[]): string {
  const header = ['provider', 'job', 'status', 'requests made', 'token requests made'];
  const cells = rows.map((r) => [r.provider, r.job, r.status, String(r.requests), String(r.tokenRequests)]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

/**
 * Prints tour text: to stdout where the runtime has one (Node, Bun, Deno), else to the console (a
 * Cloudflare Worker runs the same tours).
 */
export function print(text: string): void {
  const stdout = (globalThis as { process?: { stdout?: { write?: (text: string) => unknown } } }).process
    ?.stdout;
  if (typeof stdout?.write === 'function') stdout.write(text);
  else console.log(text.replace(/\n$/, ''));
}

/** Prints a step of the tour. */
export function step(text: string): void {
  print(`  • ${text}\n`);
}
