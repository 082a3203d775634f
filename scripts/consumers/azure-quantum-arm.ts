// A consumer of @qc/azure-quantum-arm alone (no data-plane package), checked with strict TypeScript and
// run against the mock cloud: Entra ID client credentials, a workspace found by name.
import { createAzureQuantumArmClient } from '@qc/azure-quantum-arm';

const baseUrl = process.env.QC_AZURE_ARM_RESOURCE_MANAGER;
if (!baseUrl) throw new Error('QC_AZURE_ARM_RESOURCE_MANAGER is not set');
const arm = createAzureQuantumArmClient({
  auth: {
    tenantId: process.env.QC_AZURE_ARM_TENANT_ID ?? '',
    clientId: process.env.QC_AZURE_ARM_CLIENT_ID ?? '',
    clientSecret: process.env.QC_AZURE_ARM_CLIENT_SECRET ?? '',
    authorityHost: process.env.QC_AZURE_QUANTUM_AUTHORITY_HOST ?? '',
  },
  baseUrl,
  allowInsecureLoopback: true,
});
const workspace = process.env.QC_AZURE_ARM_WORKSPACE ?? '';
const connection = await arm.findWorkspace(workspace);
if (!connection.baseUrl) throw new Error(`workspace ${workspace} has no data-plane base URL`);
console.log(`@qc/azure-quantum-arm consumer: workspace ${workspace} found, data plane ${connection.baseUrl}`);
