// A consumer of @qc/auth alone (no provider package), checked with strict TypeScript and run against
// the mock cloud: a QCi refresh token exchanged for access tokens, sent by authFetch to the QCi API.
import { authFetch, qciRefreshToken } from '@qc/auth';

const url = process.env.QC_QCI_API;
if (!url) throw new Error('QC_QCI_API is not set');
const provider = qciRefreshToken({
  baseUrl: url,
  refreshToken: process.env.QC_QCI_REFRESH_TOKEN ?? '',
  allowInsecureLoopback: true,
});
const fetch = authFetch(provider, { baseUrl: url, allowInsecureLoopback: true });
const response = await fetch(`${url}/optimization/v1/jobs/allocations`);
if (response.status !== 200) throw new Error(`expected 200, got ${response.status}`);
const { allocations } = (await response.json()) as { allocations: Record<string, unknown> };
console.log(
  `@qc/auth consumer: allocations for ${Object.keys(allocations).join(', ')} with a QCi access token`,
);
