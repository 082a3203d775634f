// A consumer of @qc/azure-quantum alone (no ARM, no other provider), checked with strict TypeScript
// (nodenext and bundler resolution) and run against the mock cloud with the workspace API key.
import { createAzureQuantumClient, ionqCircuit, JobFailedError } from '@qc/azure-quantum';

const endpoint = process.env.QC_AZURE_QUANTUM_ENDPOINT;
if (!endpoint) throw new Error('QC_AZURE_QUANTUM_ENDPOINT is not set');
const quantum = createAzureQuantumClient({
  subscriptionId: process.env.QC_AZURE_QUANTUM_SUBSCRIPTION_ID ?? '',
  resourceGroup: process.env.QC_AZURE_QUANTUM_RESOURCE_GROUP ?? '',
  workspace: process.env.QC_AZURE_QUANTUM_WORKSPACE ?? '',
  baseUrl: endpoint,
  auth: { apiKey: process.env.QC_AZURE_QUANTUM_API_KEY ?? '' },
  allowInsecureLoopback: true,
});
const bell = {
  qubits: 2,
  circuit: [
    { gate: 'h' as const, target: 0 },
    { gate: 'cnot' as const, control: 0, target: 1 },
  ],
};
const { job, output } = await quantum.runJob(
  { target: 'ionq.simulator', ...ionqCircuit(bell, { shots: 10 }) },
  { intervalMs: 0, maxIntervalMs: 0 },
);
if (job.status !== 'Succeeded') throw new Error(`expected Succeeded, got ${job.status}`);
const histogram = (output.json() as { histogram: Record<string, number> }).histogram;
if (Object.keys(histogram).length === 0) throw new Error('empty histogram');
console.log(`@qc/azure-quantum consumer: job ${job.id} ${job.status}, ${JobFailedError.name} exported`);
