/**
 * The list queries the service understands — the OData-like `filter` the official SDK emits
 * (`startswith(Name, 'x')`, `(ProviderId eq 'ionq' or …)`, `State eq 'Failed'`, `CreationTime ge
 * 2025-01-01`, joined by `and`), `orderby` and `skip`/`top` paging with an absolute `nextLink` that
 * keeps the filter and advances `skip`.
 */

type Item = Record<string, unknown>;

/** The service's field names, case-insensitively, to the item properties they read. */
const FIELDS: Record<string, string> = {
  name: 'name',
  itemtype: 'itemType',
  jobtype: 'jobType',
  providerid: 'providerId',
  target: 'target',
  state: 'status',
  status: 'status',
  creationtime: 'creationTime',
  sessionid: 'sessionId',
};

export class QueryError extends Error {}

function field(name: string): string {
  const property = FIELDS[name.toLowerCase()];
  if (!property) throw new QueryError(`Unknown field '${name}' in the query`);
  return property;
}

type Predicate = (item: Item) => boolean;

/** Compiles a filter expression into a predicate. */
export function compileFilter(filter: string | undefined): Predicate {
  if (filter === undefined || filter.trim() === '') return () => true;
  const tokens = filter.match(/'(?:[^']|'')*'|\(|\)|,|[^\s(),']+/g) ?? [];
  let pos = 0;
  const peek = () => tokens[pos]?.toLowerCase();
  const expect = (token: string) => {
    if (tokens[pos++] !== token) throw new QueryError(`Invalid filter: expected "${token}"`);
  };
  const literal = (): string => {
    const token = tokens[pos++];
    if (token === undefined) throw new QueryError('Invalid filter: a value is missing');
    return token.startsWith("'") ? token.slice(1, -1).replace(/''/g, "'") : token;
  };
  const or = (): Predicate => {
    const parts = [and()];
    while (peek() === 'or') {
      pos++;
      parts.push(and());
    }
    return (item) => parts.some((p) => p(item));
  };
  const and = (): Predicate => {
    const parts = [unary()];
    while (peek() === 'and') {
      pos++;
      parts.push(unary());
    }
    return (item) => parts.every((p) => p(item));
  };
  const unary = (): Predicate => {
    if (peek() === '(') {
      pos++;
      const inner = or();
      expect(')');
      return inner;
    }
    if (peek() === 'startswith') {
      pos++;
      expect('(');
      const property = field(literal());
      expect(',');
      const prefix = literal().toLowerCase();
      expect(')');
      return (item) =>
        String(item[property] ?? '')
          .toLowerCase()
          .startsWith(prefix);
    }
    const property = field(literal());
    const op = tokens[pos++]?.toLowerCase();
    const value = literal();
    if (property === 'creationTime') {
      const bound = Date.parse(value);
      if (Number.isNaN(bound)) throw new QueryError(`Invalid filter: "${value}" is not a date`);
      const compare = comparator(op);
      return (item) => compare(Date.parse(String(item.creationTime)), bound);
    }
    if (op !== 'eq' && op !== 'ne') throw new QueryError(`Invalid filter: operator "${op}" on ${property}`);
    return (item) => (String(item[property] ?? '').toLowerCase() === value.toLowerCase()) === (op === 'eq');
  };
  const predicate = or();
  if (pos !== tokens.length) throw new QueryError(`Invalid filter near "${tokens[pos]}"`);
  return predicate;
}

function comparator(op: string | undefined): (a: number, b: number) => boolean {
  switch (op) {
    case 'eq':
      return (a, b) => a === b;
    case 'ne':
      return (a, b) => a !== b;
    case 'gt':
      return (a, b) => a > b;
    case 'ge':
      return (a, b) => a >= b;
    case 'lt':
      return (a, b) => a < b;
    case 'le':
      return (a, b) => a <= b;
    default:
      throw new QueryError(`Invalid filter: unknown operator "${op}"`);
  }
}

/** Sorts by `Field asc|desc[, …]`; the default order is creation time, oldest first. */
export function sortItems<T extends Item>(items: T[], orderby: string | undefined): T[] {
  const keys = (orderby ?? 'CreationTime asc').split(',').map((part) => {
    const [name = '', direction = 'asc'] = part.trim().split(/\s+/);
    if (!['asc', 'desc'].includes(direction.toLowerCase()))
      throw new QueryError(`Invalid orderby direction "${direction}"`);
    return { property: field(name), sign: direction.toLowerCase() === 'desc' ? -1 : 1 };
  });
  return [...items].sort((a, b) => {
    for (const { property, sign } of keys) {
      const x = String(a[property] ?? '');
      const y = String(b[property] ?? '');
      if (x !== y) return (x < y ? -1 : 1) * sign;
    }
    return 0;
  });
}

/** One page and the absolute nextLink (same URL, `skip` advanced) or null on the last page. */
export function page<T>(
  items: T[],
  requestUrl: string,
  query: { skip?: unknown; top?: unknown },
  maxPageSize: number,
): { value: T[]; nextLink: string | null } {
  const skip = typeof query.skip === 'number' ? query.skip : 0;
  const top = Math.min(typeof query.top === 'number' ? query.top : maxPageSize, maxPageSize);
  const value = items.slice(skip, skip + top);
  if (skip + top >= items.length) return { value, nextLink: null };
  const next = new URL(requestUrl);
  next.searchParams.set('top', String(top));
  next.searchParams.set('skip', String(skip + top));
  return { value, nextLink: next.href };
}
