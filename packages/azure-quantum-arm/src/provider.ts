import {
  offeringsList,
  operationsList,
  suiteOffersListBySubscription,
  workspacesCheckNameAvailability,
} from './generated/sdk.gen.js';
import type {
  CheckNameAvailabilityResponse,
  Operation,
  ProviderDescription,
  QuantumSuiteOffer,
} from './generated/types.gen.js';
import { normalizeLocation, workspaceNameParam } from './ids.js';
import { type ListOptions, listAll } from './paging.js';
import { type ArmTransport, QUANTUM_ARM_API_VERSION } from './transport.js';
import { type CallOptions, requireSubscription } from './workspaces.js';

/** What the Microsoft.Quantum provider offers: its operations, regional offerings, suite offers, names. */

const query = { 'api-version': QUANTUM_ARM_API_VERSION } as const;

export function listOperations(
  transport: ArmTransport,
  options: ListOptions = {},
): AsyncGenerator<Operation, void, undefined> {
  return listAll(
    transport,
    async (signal) => {
      const { data } = await operationsList({ client: transport.client, query, signal });
      return { value: data.value ?? [], nextLink: data.nextLink };
    },
    options,
  );
}

/** Options of {@link AzureQuantumArmClient.listOfferings}. */
export interface ListOfferingsOptions extends ListOptions {
  /** An OData filter, e.g. `kind eq 'v1'`. */
  filter?: string;
}

/** The providers, targets, SKUs and quota dimensions offered in a region (`westus2` or `West US 2`). */
export function listOfferings(
  transport: ArmTransport,
  subscriptionId: string | undefined,
  location: string,
  options: ListOfferingsOptions = {},
): AsyncGenerator<ProviderDescription, void, undefined> {
  const path = {
    subscriptionId: requireSubscription(subscriptionId),
    locationName: normalizeLocation(location),
  };
  const filter = options.filter === undefined ? {} : { filter: options.filter };
  return listAll(
    transport,
    async (signal) =>
      (
        await offeringsList({
          client: transport.client,
          path,
          query: { ...query, ...filter },
          signal,
        })
      ).data,
    options,
  );
}

export function listSuiteOffers(
  transport: ArmTransport,
  subscriptionId: string | undefined,
  options: ListOptions = {},
): AsyncGenerator<QuantumSuiteOffer, void, undefined> {
  const path = { subscriptionId: requireSubscription(subscriptionId) };
  return listAll(
    transport,
    async (signal) =>
      (
        await suiteOffersListBySubscription({
          client: transport.client,
          path,
          query,
          signal,
        })
      ).data,
    options,
  );
}

/**
 * Whether a workspace name is free in a region. A name that breaks the naming rule is answered locally
 * (`Invalid`) without a request.
 */
export async function checkNameAvailability(
  transport: ArmTransport,
  subscriptionId: string | undefined,
  location: string,
  workspaceName: string,
  options: CallOptions = {},
): Promise<CheckNameAvailabilityResponse> {
  const path = { subscriptionId: requireSubscription(subscriptionId), location: normalizeLocation(location) };
  try {
    workspaceNameParam(workspaceName);
  } catch (error) {
    return { nameAvailable: false, reason: 'Invalid', message: (error as Error).message };
  }
  const { data } = await workspacesCheckNameAvailability({
    client: transport.client,
    path,
    query,
    body: { name: workspaceName, type: 'Microsoft.Quantum/Workspaces' },
    ...options,
  });
  return data;
}
