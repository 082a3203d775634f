import { InvalidArgumentError } from './errors.js';

/**
 * Checks a value that becomes one path segment (a job id, a workspace name). Generated clients
 * percent-encode `/`, but `.` and `..` pass through encoding unchanged and would change which resource
 * the request reaches (`jobs/..` is the parent collection), so they are refused, as are empty values.
 */
export function pathSegment(name: string, value: unknown): string {
  if (typeof value !== 'string') throw new InvalidArgumentError(`${name} must be a string`);
  if (value === '' || value === '.' || value === '..') {
    throw new InvalidArgumentError(`${name} must be a non-empty identifier, not ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * Whether an identifier the *service* sent (a file id in a job record, a batch id in a create answer)
 * is safe to put into a path: letters, digits and `._:~-`, starting with a letter or digit, at most
 * 255 characters. A server that answers `..` or a URL must not steer the next request elsewhere.
 */
export function isSafeIdentifier(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9][A-Za-z0-9._:~-]{0,254}$/.test(value);
}
