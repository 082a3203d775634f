// A realistic Azure Quantum program with qc: Entra client credentials, an IonQ circuit submitted
// through blob storage, a wait, and the output downloaded. Same job as azure-sdk-route.ts.
import { createAzureQuantumClient, ionqCircuit } from '@qc/azure-quantum';

export interface Settings {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  subscriptionId: string;
  resourceGroup: string;
  workspace: string;
  location: string;
}

export async function run(settings: Settings): Promise<unknown> {
  const { tenantId, clientId, clientSecret, ...workspace } = settings;
  const quantum = createAzureQuantumClient({ ...workspace, auth: { tenantId, clientId, clientSecret } });
  const circuit = {
    qubits: 2,
    circuit: [
      { gate: 'h' as const, target: 0 },
      { gate: 'cnot' as const, control: 0, target: 1 },
    ],
  };
  const { output } = await quantum.runJob({
    target: 'ionq.simulator',
    ...ionqCircuit(circuit, { shots: 100 }),
  });
  return output.json();
}
