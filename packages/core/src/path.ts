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
