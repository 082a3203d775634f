// The Pasqal client: one environment's transport and the operations of every concept, bound together.
import { throwingClient } from '@qc/auth';
import { type AccountOperations, accountOperations } from './account.js';
import { type BatchOperations, batchOperations } from './batches.js';
import { type PasqalContext, uuid } from './context.js';
import { type DeviceOperations, deviceOperations } from './devices.js';
import type { PasqalEnvironment } from './environments.js';
import type { Client } from './generated/client.gen.js';
import { type JobOperations, jobOperations } from './jobs.js';
import { type ResultOperations, resultOperations } from './results.js';
import { createPasqalTransport, type PasqalTransportOptions } from './transport.js';
import { type WorkloadOperations, workloadOperations } from './workloads.js';

/** The environment, credentials and transport settings of a client, and the project it creates in. */
export interface PasqalClientOptions extends PasqalTransportOptions {
  /**
   * The project batches and workloads are created in (`project_id`, which Pasqal's SDK adds to every
   * creation). Can be given per call instead.
   */
  projectId?: string;
}

/** A client of one Pasqal Cloud environment: batches, jobs, results, workloads, devices, account. */
export interface PasqalClient
  extends BatchOperations,
    JobOperations,
    ResultOperations,
    WorkloadOperations,
    DeviceOperations,
    AccountOperations {
  /** The environment: its API base URLs and its identity provider. */
  readonly environment: PasqalEnvironment;
  /** The project creations default to, if any. */
  readonly projectId: string | undefined;
  /**
   * The generated (hey-api) client of the **core** API, authenticated: pass it to any generated SDK
   * function (`getBatch({ client: pasqal.client, path: { batch_id } })`). Its errors are typed.
   */
  readonly client: Client;
  /** The generated client of the **account** API: use it for `listProjects` and `getAuthInfo`. */
  readonly accountClient: Client;
}

/**
 * Creates an independent Pasqal Cloud client: one environment (core and account URLs bound to their
 * identity provider), its credentials, its own transport. No global state.
 */
export function createPasqalClient(options: PasqalClientOptions = {}): PasqalClient {
  const transport = createPasqalTransport(options);
  // The facade's own calls always throw, whatever a caller's options carry; the clients it exposes
  // are for SDK-function users.
  const context: PasqalContext = {
    client: throwingClient(transport.client),
    accountClient: throwingClient(transport.accountClient),
    download: transport.download,
    allowInsecureLoopback: options.allowInsecureLoopback === true,
    projectId: options.projectId === undefined ? undefined : uuid('projectId', options.projectId),
  };
  const jobs = jobOperations(context);
  return {
    environment: transport.environment,
    projectId: context.projectId,
    client: transport.client,
    accountClient: transport.accountClient,
    ...batchOperations(context),
    ...jobs,
    ...resultOperations(context, jobs),
    ...workloadOperations(context),
    ...deviceOperations(context),
    ...accountOperations(context),
  };
}
