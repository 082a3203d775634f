import { createHttpError } from '@qc/core';
import { describe, expect, it } from 'vitest';
import { azureErrorDetails } from '../src/index.js';

const headers = (init: Record<string, string> = {}) => new Headers(init);

describe("Azure's error conventions", () => {
  it('reads { error: { code, message } }, which the standard envelopes leave alone', () => {
    const body = { error: { code: 'InvalidJobDefinition', message: 'The target is unknown.' } };
    const details = azureErrorDetails(body, headers());
    expect(details).toEqual({ code: 'InvalidJobDefinition', message: 'The target is unknown.' });
    const error = createHttpError({ method: 'PUT', url: 'https://x.test/j', status: 400, body, details });
    expect(error.message).toContain('[InvalidJobDefinition] The target is unknown.');
  });

  it('leaves a standard envelope to the common parser', () => {
    expect(
      azureErrorDetails({ error: 'invalid_grant', error_description: 'expired' }, headers()),
    ).toBeUndefined();
  });

  it('takes the code from x-ms-error-code and explains an empty 401 with its challenge', () => {
    expect(
      azureErrorDetails(
        '',
        headers({
          'x-ms-error-code': 'InvalidAuthenticationToken',
          'www-authenticate': 'Bearer error="invalid_token", error_description="The token expired"',
        }),
      ),
    ).toEqual({ code: 'InvalidAuthenticationToken', message: 'The token expired' });
    expect(azureErrorDetails('', headers())).toBeUndefined();
    // A text body is shown as an excerpt: only the code is added.
    expect(azureErrorDetails('quota exceeded', headers({ 'x-ms-error-code': 'Quota' }))).toEqual({
      code: 'Quota',
      message: undefined,
    });
  });
});
