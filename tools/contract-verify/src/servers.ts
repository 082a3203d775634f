/**
 * A spec's server URL as a pattern over a request URL's origin and path prefix (the part stripped
 * before the spec's paths). Variables with an `enum` match those values; a variable that is the whole
 * origin (Azure's `{endpoint}`) matches its default's host family: default `https://eastus.quantum.azure.com`
 * matches any `https://*.quantum.azure.com`, with any path prefix. Other variables match one path
 * segment or host part.
 */
export interface Server {
  /** The template as the spec writes it. */
  url: string;
  regex: RegExp;
  /** Literal characters of the template: a more literal server is preferred when two match. */
  literal: number;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

type Variables = Record<string, unknown>;

export function compileServer(template: string, variables: Variables): Server {
  const url = template.replace(/\/+$/, '');
  // A relative server (`/api`) is served under whatever origin the traffic shows.
  let source = url.startsWith('/') || url === '' ? 'https?://[^/]+' : '';
  let literal = 0;
  const parts = url.split(/(\{[^}]+\})/).filter((part) => part !== '');
  parts.forEach((part, index) => {
    const name = /^\{([^}]+)\}$/.exec(part)?.[1];
    if (name === undefined) {
      source += escapeRegExp(part);
      literal += part.length;
      return;
    }
    const variable = (variables[name] ?? {}) as { enum?: unknown[]; default?: unknown };
    if (Array.isArray(variable.enum) && variable.enum.length > 0) {
      source += `(?:${variable.enum.map((v) => escapeRegExp(String(v))).join('|')})`;
    } else if (index === 0 && typeof variable.default === 'string' && URL.canParse(variable.default)) {
      source += originFamily(new URL(variable.default));
      // "Scheme and host (and any path prefix)": when the variable is all there is, a prefix may follow.
      if (parts.length === 1) source += '(?:/[^?#]*)?';
    } else {
      source += '[^/]+';
    }
  });
  return { url: template, regex: new RegExp(`^${source}$`, 'i'), literal };
}

/** `https://eastus.quantum.azure.com` -> `https://[^/]+\.quantum\.azure\.com(?::\d+)?`. */
function originFamily(example: URL): string {
  const labels = example.hostname.split('.');
  // Keep at least two labels of the parent (`quantum.azure.com`, not `com`).
  const host =
    labels.length >= 3
      ? `[^/]+\\.${escapeRegExp(labels.slice(1).join('.'))}`
      : escapeRegExp(example.hostname);
  return `${escapeRegExp(example.protocol)}//${host}(?::\\d+)?`;
}
