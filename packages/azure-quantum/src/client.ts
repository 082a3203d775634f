import { throwingClient } from '@qc/auth';
import type { NextLinkPage } from '@qc/core';
import { InvalidArgumentError, SecretStore } from '@qc/core';
import { API_VERSION_QUERY, type CallOptions, type WorkspaceContext } from './context.js';
import { type AzureQuantumAuth, type ConnectionStringAuth, resolveCredentials } from './credentials.js';
import { type EndpointOptions, resolveEndpoint } from './endpoint.js';
import type { Client } from './generated/client.gen.js';
import * as sdk from './generated/sdk.gen.js';
import type {
  ItemDetails,
  JobDetails,
  JobDetailsWritable,
  JobUpdateOptions,
  JobUpdateOptionsUpdate,
  ProviderStatus,
  Quota,
  SessionDetails,
} from './generated/types.gen.js';
import { checkId, type WorkspacePath, workspacePath } from './ids.js';
import { cancelJob, getJob, type WaitForJobOptions, waitForJob } from './jobs.js';
import { getJobOutput, type JobOutput } from './output.js';
import { type ListOptions, listAll, listQuery } from './paging.js';
import { closeSession, getSession, type OpenSessionOptions, openSession } from './sessions.js';
import { requestSasUri, type SubmitJobRequest, submitJob } from './submit.js';
import { createTransport, type TransportOptions } from './transport.js';

interface CommonOptions extends TransportOptions, Omit<EndpointOptions, 'allowInsecureLoopback'> {
  /** Clock (epoch ms) for SAS expiry checks; default Date.now. */
  now?: () => number;
}

interface WorkspaceNames {
  /** The workspace's subscription id (a GUID). */
  subscriptionId: string;
  /** The workspace's resource group. */
  resourceGroup: string;
  /** The workspace's name. */
  workspace: string;
}

/**
 * The workspace (subscription, resource group, name), where it is (`baseUrl` or `location`) and how to
 * authenticate. A connection string names all of it; options given beside it take precedence.
 */
export type AzureQuantumClientOptions = CommonOptions &
  (
    | (WorkspaceNames & {
        /** A credential or an API key; the workspace is named beside it. */
        auth: Exclude<AzureQuantumAuth, ConnectionStringAuth>;
      })
    | (Partial<WorkspaceNames> & {
        /** A connection string, which names the workspace too. */
        auth: ConnectionStringAuth;
      })
  );

/** Options of {@link AzureQuantumClient.runJob}: how to wait, and where to hear of the job. */
export interface RunJobOptions extends WaitForJobOptions {
  /** Called with the job as soon as the service accepted it: keep its id. */
  onSubmitted?: (job: JobDetails) => void;
}

/** A client of one Azure Quantum workspace's data plane, made by {@link createAzureQuantumClient}. */
export interface AzureQuantumClient {
  /** The data-plane base URL every request of this client goes to. */
  readonly baseUrl: string;
  /** The bound workspace path parameters, for calling generated SDK functions directly. */
  readonly workspace: Readonly<WorkspacePath>;
  /** The generated client, authenticated; pass it as `{ client }` to any generated SDK function. */
  readonly client: Client;

  /** Uploads the input and creates the job; see {@link SubmitJobRequest}. */
  submitJob<F extends string>(request: SubmitJobRequest<F>): Promise<JobDetails>;
  /** Polls until Completed/Succeeded/Failed/Cancelled (0.2 s ×1.5 up to 30 s), with timeout, signal, progress. */
  waitForJob(jobId: string, options?: WaitForJobOptions): Promise<JobDetails>;
  /** Downloads a succeeded job's output, refreshing its SAS when needed; a failed job throws JobFailedError. */
  getJobOutput(job: JobDetails | string, options?: CallOptions): Promise<JobOutput>;
  /** Submit, wait and download in one call. */
  runJob<F extends string>(
    request: SubmitJobRequest<F>,
    options?: RunJobOptions,
  ): Promise<{
    /** The job as it finished. */
    job: JobDetails;
    /** Its output. */
    output: JobOutput;
  }>;
  /** The job, with short-lived read SAS URLs on its container, input and output. */
  getJob(jobId: string, options?: CallOptions): Promise<JobDetails>;
  /** Every job of the workspace (those in sessions too), page after page; entries carry no SAS. */
  listJobs(options?: ListOptions): AsyncGenerator<JobDetails, void, undefined>;
  /** The raw job PUT, for inputs already uploaded (see submitJob for the whole flow). */
  createJob(jobId: string, job: JobDetailsWritable, options?: CallOptions): Promise<JobDetails>;
  /** Requests cancellation and returns the job as it is now (the service answers 204; the job is read again). */
  cancelJob(jobId: string, options?: CallOptions): Promise<JobDetails>;
  /** Deletes the job; it does not cancel it (use cancelJob). */
  deleteJob(jobId: string, options?: CallOptions): Promise<void>;
  /** Changes the job's name, priority or tags (a JSON merge patch). */
  updateJob(jobId: string, update: JobUpdateOptionsUpdate, options?: CallOptions): Promise<JobUpdateOptions>;

  /** Opens a session for one target, under a client-chosen id; submit jobs with its `sessionId`. */
  openSession(options: OpenSessionOptions): Promise<SessionDetails>;
  /** The session. */
  getSession(sessionId: string, options?: CallOptions): Promise<SessionDetails>;
  /** Closes the session: no job can be added; it succeeds once none of its jobs is left running. */
  closeSession(sessionId: string, options?: CallOptions): Promise<SessionDetails>;
  /** Every session of the workspace, page after page. */
  listSessions(options?: ListOptions): AsyncGenerator<SessionDetails, void, undefined>;
  /** Every job of one session, page after page. */
  listSessionJobs(sessionId: string, options?: ListOptions): AsyncGenerator<JobDetails, void, undefined>;

  /** Every provider of the workspace, with the availability of its targets. */
  listProviderStatus(
    options?: CallOptions & { maxItems?: number },
  ): AsyncGenerator<ProviderStatus, void, undefined>;
  /** Every quota of the workspace, with what is used of it. */
  listQuotas(options?: CallOptions & { maxItems?: number }): AsyncGenerator<Quota, void, undefined>;
  /** Sessions and the jobs outside sessions, told apart by `itemType`. */
  listTopLevelItems(options?: ListOptions): AsyncGenerator<ItemDetails, void, undefined>;
  /** A SAS URL for a container of the workspace's storage (created when missing) or one of its blobs. */
  getSasUri(containerName: string, blobName?: string, options?: CallOptions): Promise<string>;
}

/**
 * Creates an independent Azure Quantum client for one workspace: its own endpoint, credentials and
 * transport, no shared global state. Every option is checked here, before any request.
 */
export function createAzureQuantumClient(options: AzureQuantumClientOptions): AzureQuantumClient {
  if (options === null || typeof options !== 'object') throw new InvalidArgumentError('options are required');
  // A renamed option left in an object spread would otherwise be ignored, and `location` would decide.
  if ('endpoint' in options) throw new InvalidArgumentError('the option "endpoint" is now "baseUrl"');
  const allowInsecureLoopback = options.allowInsecureLoopback === true;
  const { provider, secrets, connection } = resolveCredentials(options.auth, {
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
    dangerouslyAllowBrowser: options.dangerouslyAllowBrowser,
    allowInsecureLoopback,
  });
  const path = workspacePath(
    options.subscriptionId ?? connection?.subscriptionId,
    options.resourceGroup ?? connection?.resourceGroup,
    options.workspace ?? connection?.workspace,
  );
  const endpoint = resolveEndpoint({
    baseUrl: options.baseUrl ?? (options.location === undefined ? connection?.baseUrl : undefined),
    location: options.location,
    workspaceKind: options.workspaceKind,
    allowInsecureLoopback,
  });
  const transport = createTransport(endpoint, provider, new SecretStore(secrets), options);
  const now = options.now ?? Date.now;
  const { client } = transport;
  // The facade's own calls always throw, whatever a caller's options carry; `client` is for SDK users.
  const calls = throwingClient(client);
  const context: WorkspaceContext = {
    client: calls,
    endpoint,
    path,
    storage: { pipeline: transport.storage, allowInsecureLoopback },
    api: transport.api,
    secrets: transport.secrets,
    now,
  };
  const base = { client: calls, path, query: API_VERSION_QUERY } as const;
  const list = <T>(
    first: (signal?: AbortSignal) => Promise<{ data: NextLinkPage<T> }>,
    listOptions: ListOptions,
  ) => listAll<T>(context, async (signal) => (await first(signal)).data, listOptions);

  return {
    baseUrl: endpoint,
    workspace: Object.freeze({ ...path }),
    client,
    submitJob: (request) => submitJob(context, request),
    waitForJob: (jobId, waitOptions) => waitForJob(context, jobId, waitOptions),
    getJobOutput: (job, callOptions) => getJobOutput(context, job, callOptions),
    async runJob(request, runOptions = {}) {
      const submitted = await submitJob(context, { ...request, signal: request.signal ?? runOptions.signal });
      runOptions.onSubmitted?.(submitted);
      const job = await waitForJob(context, submitted.id, runOptions);
      return { job, output: await getJobOutput(context, job, runOptions) };
    },
    getJob: (jobId, callOptions = {}) => getJob(context, jobId, callOptions),
    listJobs: (listOptions = {}) =>
      list((signal) => sdk.listJobs({ ...base, query: listQuery(listOptions), signal }), listOptions),
    async createJob(jobId, job, callOptions = {}) {
      const path = { ...context.path, jobId: jobId };
      return (await sdk.createJob({ ...callOptions, ...base, path, body: job })).data;
    },
    cancelJob: (jobId, callOptions = {}) => cancelJob(context, jobId, callOptions),
    async deleteJob(jobId, callOptions = {}) {
      const path = { ...context.path, jobId: jobId };
      await sdk.deleteJob({ ...callOptions, ...base, path });
    },
    async updateJob(jobId, update, callOptions = {}) {
      const path = { ...context.path, jobId: jobId };
      return (await sdk.updateJob({ ...callOptions, ...base, path, body: update })).data;
    },
    openSession: (sessionOptions) => openSession(context, sessionOptions),
    getSession: (sessionId, callOptions = {}) => getSession(context, sessionId, callOptions),
    closeSession: (sessionId, callOptions = {}) => closeSession(context, sessionId, callOptions),
    listSessions: (listOptions = {}) =>
      list((signal) => sdk.listSessions({ ...base, query: listQuery(listOptions), signal }), listOptions),
    listSessionJobs(sessionId, listOptions = {}) {
      // Checked now, not at the first page: a listing of a malformed id fails where it is asked for.
      const path = { ...context.path, sessionId: checkId('sessionId', sessionId) };
      return list(
        (signal) => sdk.listSessionJobs({ ...base, path, query: listQuery(listOptions), signal }),
        listOptions,
      );
    },
    listProviderStatus: (listOptions = {}) =>
      list((signal) => sdk.listProviderStatus({ ...base, signal }), listOptions),
    listQuotas: (listOptions = {}) => list((signal) => sdk.listQuotas({ ...base, signal }), listOptions),
    listTopLevelItems: (listOptions = {}) =>
      list(
        (signal) => sdk.listTopLevelItems({ ...base, query: listQuery(listOptions), signal }),
        listOptions,
      ),
    getSasUri: (containerName, blobName, callOptions = {}) =>
      requestSasUri(context, containerName, blobName, callOptions),
  };
}
