import { readFileSync } from 'node:fs';
import { InputError, type Traffic } from './exchange.js';
import { readHar } from './har.js';
import { readJsonLines } from './jsonl.js';

/**
 * Reads a traffic file: a HAR document (one JSON object with `log.entries`) or JSON lines. The format
 * is told by the content; a `.har` file that is not a HAR document is refused rather than read as lines.
 */
export function readTraffic(file: string): Traffic {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read the traffic file ${file}: ${(error as NodeJS.ErrnoException).code}`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') throw new InputError(`${file}: the traffic file is empty`);

  let whole: unknown;
  try {
    whole = JSON.parse(text);
  } catch {
    whole = undefined;
  }
  const isHar = typeof whole === 'object' && whole !== null && 'log' in whole;
  if (isHar) {
    const exchanges = readHar(whole as Record<string, unknown>, file);
    if (exchanges.length === 0) throw new InputError(`${file}: the HAR file holds no entry`);
    return { format: 'HAR', exchanges };
  }
  if (/\.har$/i.test(file)) {
    throw new InputError(
      whole === undefined
        ? `${file}: not valid JSON, so not a HAR file`
        : `${file}: a HAR file needs a "log" object with an "entries" array`,
    );
  }
  const exchanges = readJsonLines(text, file);
  if (exchanges.length === 0) throw new InputError(`${file}: the traffic file holds no exchange`);
  return { format: 'JSON lines', exchanges };
}
