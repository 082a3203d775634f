/** One row of the `Resources` table: a resource as Resource Graph returns it. */
export type GraphRow = Record<string, unknown>;

/** The rows a query selects, or why it is refused. */
export type QueryOutcome =
  | {
      /** The selected rows, projected. */
      rows: GraphRow[];
    }
  | {
      /** Why the query is refused (ARG's `InvalidQuery`). */
      error: string;
    };

/** Splits on `|` outside quoted strings. */
function stages(query: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (let i = 0; i < query.length; i++) {
    const c = query[i] as string;
    if (quote) {
      current += c;
      if (c === '\\') current += query[++i] ?? '';
      else if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') {
      quote = c;
      current += c;
    } else if (c === '|') {
      parts.push(current.trim());
      current = '';
    } else current += c;
  }
  parts.push(current.trim());
  return parts;
}

const CONDITION = /^([A-Za-z_][\w.]*)\s*(=~|==)\s*('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")$/;
const EXTEND = /^([A-Za-z_]\w*)\s*=\s*tostring\(\s*([A-Za-z_][\w.]*)\s*\)$/;

function unquote(literal: string): string {
  return literal.slice(1, -1).replace(/\\(.)/g, '$1');
}

function read(row: GraphRow, path: string): unknown {
  let value: unknown = row;
  for (const key of path.split('.')) {
    value = value !== null && typeof value === 'object' ? (value as GraphRow)[key] : undefined;
  }
  return value;
}

/**
 * A tiny Kusto evaluator for the Resource Graph queries clients send to find workspaces: `Resources`,
 * then any of `where <column> =~|== '<text>'` (joined by `and`), `extend <name> = tostring(<path>)`
 * and `project <columns>`. Anything else is refused with ARG's `InvalidQuery`, so a test never passes
 * on a query the mock silently misread.
 */
export function runGraphQuery(query: string, table: readonly GraphRow[]): QueryOutcome {
  const [source, ...operators] = stages(query);
  if (source?.toLowerCase() !== 'resources') return { error: 'Only the Resources table is supported' };
  let rows = table.map((row) => ({ ...row }));
  for (const operator of operators) {
    const [keyword = '', ...restWords] = operator.split(/\s+/);
    const rest = operator.slice(keyword.length).trim();
    if (restWords.length === 0) return { error: `Incomplete operator: ${keyword}` };
    switch (keyword.toLowerCase()) {
      case 'where': {
        const conditions = rest.split(/\s+and\s+/i).map((c) => CONDITION.exec(c.trim()));
        if (conditions.some((c) => c === null)) return { error: `Unsupported where clause: ${rest}` };
        rows = rows.filter((row) =>
          conditions.every((c) => {
            const [, column = '', op, literal = "''"] = c as RegExpExecArray;
            const actual = read(row, column);
            const expected = unquote(literal);
            if (typeof actual !== 'string') return false;
            return op === '==' ? actual === expected : actual.toLowerCase() === expected.toLowerCase();
          }),
        );
        break;
      }
      case 'extend': {
        const columns = rest.split(',').map((c) => EXTEND.exec(c.trim()));
        if (columns.some((c) => c === null)) return { error: `Unsupported extend: ${rest}` };
        rows = rows.map((row) => {
          const out = { ...row };
          for (const c of columns as RegExpExecArray[]) {
            const value = read(row, c[2] as string);
            out[c[1] as string] = value === undefined || value === null ? '' : String(value);
          }
          return out;
        });
        break;
      }
      case 'project': {
        const names = rest.split(',').map((n) => n.trim());
        if (names.some((n) => !/^[A-Za-z_]\w*$/.test(n))) return { error: `Unsupported project: ${rest}` };
        rows = rows.map((row) => Object.fromEntries(names.map((n) => [n, row[n] ?? null])));
        break;
      }
      default:
        return { error: `Unsupported operator: ${keyword}` };
    }
  }
  return { rows };
}
