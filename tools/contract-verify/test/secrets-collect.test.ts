// The second line of defence on its own: every credential an exchange carries is collected, and any
// string of the report that happens to contain one has it replaced, whatever the primary rule (print
// paths and rules, never values) lets through.
import { describe, expect, it } from 'vitest';
import type { RecordedExchange } from '../src/exchange.js';
import { TrafficSecrets } from '../src/secrets.js';

const exchange = (overrides: Partial<RecordedExchange>): RecordedExchange => ({
  at: 'line 1',
  method: 'GET',
  url: 'https://api.example/x',
  requestHeaders: [],
  requestBody: { kind: 'absent' },
  status: 200,
  responseHeaders: [],
  responseBody: { kind: 'absent' },
  ...overrides,
});

function collected(overrides: Partial<RecordedExchange>, safe: string[] = []) {
  const secrets = new TrafficSecrets(safe);
  secrets.collect(exchange(overrides));
  return secrets;
}

describe('TrafficSecrets', () => {
  it('collects credentials from headers: Authorization, API keys, cookies, Set-Cookie', () => {
    const secrets = collected({
      requestHeaders: [
        ['Authorization', 'Basic dXNlcjpwYXNzd29yZDEyMw=='],
        ['x-ms-quantum-api-key', 'workspace-key-0001'],
        ['Cookie', 'session=cookie-value-123; theme=dark'],
      ],
      responseHeaders: [['Set-Cookie', 'ARRAffinity=affinity-cookie-9; Path=/']],
    });
    const text = 'a dXNlcjpwYXNzd29yZDEyMw== b workspace-key-0001 c cookie-value-123 d affinity-cookie-9';
    expect(secrets.redact(text)).toBe('a REDACTED b REDACTED c REDACTED d REDACTED');
  });

  it('not the host (`:authority`), CORS lists nor challenges, which would redact ordinary words', () => {
    const secrets = collected({
      requestHeaders: [[':authority', 'eastus.quantum.azure.com']],
      responseHeaders: [
        ['access-control-allow-headers', 'Authorization, Content-Type'],
        ['www-authenticate', 'Bearer error="invalid_token"'],
      ],
    });
    expect(secrets.redact('eastus.quantum.azure.com Authorization invalid_token')).toBe(
      'eastus.quantum.azure.com Authorization invalid_token',
    );
  });

  it("collects query values but the spec's own parameters, and user info", () => {
    const secrets = collected(
      {
        url: 'https://user:url-password-1@api.example/x?sig=sas-signature-1&skip=12345678&jobfilter=filter-value-1',
      },
      ['jobfilter'],
    );
    expect(secrets.redact('sas-signature-1 url-password-1 filter-value-1 12345678')).toBe(
      'REDACTED REDACTED filter-value-1 12345678',
    );
    expect(secrets.redactUrl('https://api.example/x?sig=sas-signature-1&jobfilter=ok')).toBe(
      'https://api.example/x?sig=REDACTED&jobfilter=ok',
    );
  });

  it('collects secret-named fields, URLs with queries and JWTs from JSON bodies; form fields by name', () => {
    const jwt = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4eXoxMjMifQ.c2lnbmF0dXJl';
    const secrets = collected({
      requestBody: {
        kind: 'json',
        value: { password: 'hunter2-body', nested: [{ primaryKey: 'primary-key-1' }] },
      },
      responseHeaders: [['content-type', 'application/json']],
      responseBody: {
        kind: 'text',
        text: JSON.stringify({
          note: jwt,
          sasUri: 'https://b.example/c?sv=1&sig=body-sas-sig-1',
          name: 'not-a-secret-1',
        }),
      },
    });
    expect(secrets.redact(`hunter2-body primary-key-1 ${jwt} body-sas-sig-1 not-a-secret-1`)).toBe(
      'REDACTED REDACTED REDACTED REDACTED not-a-secret-1',
    );
    const form = collected({
      requestHeaders: [['content-type', 'application/x-www-form-urlencoded']],
      requestBody: { kind: 'text', text: 'client_id=app-id-0001&client_secret=form-secret-1' },
    });
    expect(form.redact('app-id-0001 form-secret-1')).toBe('app-id-0001 REDACTED');
  });

  it('leaves values shorter than 8 characters alone (they would redact ordinary words)', () => {
    const secrets = collected({ requestHeaders: [['x-api-key', 'Session']] });
    expect(secrets.has('Session')).toBe(false);
    expect(secrets.redact('Session')).toBe('Session');
  });
});
