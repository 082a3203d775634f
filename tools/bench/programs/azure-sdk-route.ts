// The same job as programs/azure-quantum-job.ts, written the way Azure's own JS SDKs allow: a
// ClientSecretCredential from @azure/identity for the token, @azure/storage-blob for the input and
// output blobs, and fetch for the Azure Quantum REST calls (there is no Azure Quantum data-plane SDK
// for JavaScript). Bundled for size and import-time comparison only; never run by the bench.
import { ClientSecretCredential } from '@azure/identity';
import { BlobClient, BlockBlobClient } from '@azure/storage-blob';

export interface Settings {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  endpoint: string;
  workspacePath: string;
}

export async function run(settings: Settings, circuit: unknown): Promise<unknown> {
  const credential = new ClientSecretCredential(settings.tenantId, settings.clientId, settings.clientSecret);
  const api = async (method: string, path: string, body?: unknown) => {
    const token = await credential.getToken('https://quantum.microsoft.com/.default');
    const response = await fetch(
      `${settings.endpoint}${settings.workspacePath}${path}?api-version=2026-01-15-preview`,
      {
        method,
        headers: { authorization: `Bearer ${token.token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      },
    );
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
    return response.status === 204 ? undefined : response.json();
  };
  const id = crypto.randomUUID();
  const container = `job-${id}`;
  const { sasUri } = (await api('POST', '/storage/sasUri', { containerName: container })) as {
    sasUri: string;
  };
  const containerUrl = new URL(sasUri);
  const inputUrl = `${containerUrl.origin}${containerUrl.pathname}/inputData${containerUrl.search}`;
  const payload = JSON.stringify(circuit);
  await new BlockBlobClient(inputUrl).upload(payload, payload.length, {
    blobHTTPHeaders: { blobContentType: 'application/json' },
  });
  await api('PUT', `/jobs/${id}`, {
    id,
    containerUri: sasUri,
    inputDataUri: inputUrl,
    inputDataFormat: 'ionq.circuit.v1',
    outputDataFormat: 'ionq.quantum-results.v1',
    providerId: 'ionq',
    target: 'ionq.simulator',
    itemType: 'Job',
  });
  let job = (await api('GET', `/jobs/${id}`)) as { status: string; outputDataUri?: string };
  for (
    let delay = 200;
    !['Succeeded', 'Failed', 'Cancelled'].includes(job.status);
    delay = Math.min(delay * 1.5, 30_000)
  ) {
    await new Promise((resolve) => setTimeout(resolve, delay));
    job = (await api('GET', `/jobs/${id}`)) as { status: string; outputDataUri?: string };
  }
  if (job.status !== 'Succeeded' || !job.outputDataUri) throw new Error(`job ${id} ${job.status}`);
  const output = await new BlobClient(job.outputDataUri).downloadToBuffer();
  return JSON.parse(output.toString('utf8'));
}
