import { jsonResponse, type MockContext, type MockOperation } from '@qc/core/contract';
import type {
  BlobDetails,
  JobDetails,
  JobUpdateOptionsUpdate,
  SessionDetails,
} from '../generated/types.gen.js';
import { compileFilter, page, QueryError, sortItems } from './query.js';
import type { Caller, MockJob, MockSession, Refusal, WorkspaceState } from './state.js';

export interface OperationSettings {
  /** Largest page the mock returns (default 100, the service's). */
  pageSize: number;
  /** What `cancelJob` answers: 204 like the live service (default), or 200 with the job like its swagger. */
  cancelStatus: 200 | 204;
  /** Who sent a request (set by the mock's authorize hook). */
  callerOf: (request: Request) => Caller;
}

const json = (body: unknown, status = 200) => jsonResponse(body, { status });

/** An Azure error envelope with the code repeated in `x-ms-error-code`, as the service sends it. */
export function azureError(status: number, code: string, message: string): Response {
  return jsonResponse({ error: { code, message } }, { status, headers: { 'x-ms-error-code': code } });
}

const refused = (refusal: Refusal) => azureError(refusal.status, refusal.code, refusal.message);

/** The implementation of every operation of specs/azure-quantum.yaml over a {@link WorkspaceState}. */
export function workspaceOperations(
  state: WorkspaceState,
  settings: OperationSettings,
): Record<string, MockOperation> {
  const blobs = state.blobs;
  const jobOf = (ctx: MockContext) => state.jobs.get(String(ctx.path.jobId).toLowerCase());
  const sessionOf = (ctx: MockContext) => state.sessions.get(String(ctx.path.sessionId).toLowerCase());
  const jobNotFound = (ctx: MockContext) =>
    azureError(404, 'JobNotFound', `Job '${ctx.path.jobId}' was not found.`);
  const sessionNotFound = (ctx: MockContext) =>
    azureError(404, 'SessionNotFound', `Session '${ctx.path.sessionId}' was not found.`);

  /** A job as Jobs_Get shows it: short-lived SAS URLs on the container and both blobs. */
  const withSas = (job: MockJob): JobDetails => {
    const { record } = job;
    const startsAt = state.now() - 5 * 60_000;
    const expiresAt = state.now() + state.sasLifetimeMs;
    const blobSas = (url: string | null | undefined, suffix: string) => {
      const at = url ? blobs.locate(url) : undefined;
      if (!at?.blob) return url ?? null;
      const filename = `${record.name}-${record.id}.${suffix}.json`;
      const contentDisposition = `attachment; filename=${filename}`;
      return blobs.issueSas({
        ...at,
        permissions: 'r',
        startsAt,
        expiresAt,
        kind: 'blob',
        contentDisposition,
      });
    };
    const container = blobs.locate(record.containerUri)?.container ?? '';
    return {
      ...record,
      containerUri: blobs.issueSas({ container, permissions: 'rl', startsAt, expiresAt, kind: 'container' }),
      inputDataUri: blobSas(record.inputDataUri, 'input'),
      outputDataUri: blobSas(record.outputDataUri, 'output'),
    };
  };

  /** A job as lists show it: no SAS, and the output URL with an explicit `:443`, as recorded. */
  const listed = (job: MockJob): JobDetails => {
    const output = job.record.outputDataUri;
    const url = output ? new URL(output) : undefined;
    const explicitPort =
      url?.protocol === 'https:' && url.port === '' ? output?.replace(url.host, `${url.host}:443`) : output;
    return { ...job.record, outputDataUri: explicitPort ?? null };
  };

  const sessionView = (session: MockSession): SessionDetails => {
    state.refreshSession(session);
    return { ...session.record };
  };

  const list = (ctx: MockContext, items: Record<string, unknown>[]) => {
    try {
      const filtered = items.filter(compileFilter(ctx.query.filter as string | undefined));
      const sorted = sortItems(filtered, ctx.query.orderby as string | undefined);
      return json(page(sorted, ctx.request.url, ctx.query, settings.pageSize));
    } catch (error) {
      if (error instanceof QueryError) return azureError(400, 'InvalidQuery', error.message);
      throw error;
    }
  };

  return {
    listJobs: (ctx) => list(ctx, [...state.jobs.values()].map(listed)),
    getJob: (ctx) => {
      const job = jobOf(ctx);
      if (!job) return jobNotFound(ctx);
      state.observe(job);
      return json(withSas(job));
    },
    createJob: (ctx) => {
      const result = state.createJob(
        String(ctx.path.jobId),
        ctx.body as JobDetails,
        settings.callerOf(ctx.request),
      );
      return 'job' in result ? json(listed(result.job)) : refused(result);
    },
    deleteJob: (ctx) => {
      if (!jobOf(ctx)) return jobNotFound(ctx);
      state.jobs.delete(String(ctx.path.jobId).toLowerCase());
      return new Response(null, { status: 204 });
    },
    cancelJob: (ctx) => {
      const job = jobOf(ctx);
      if (!job) return jobNotFound(ctx);
      if (!state.cancel(job)) {
        return azureError(
          409,
          'Conflict',
          `Job '${job.record.id}' has already finished (${job.record.status}) and cannot be cancelled.`,
        );
      }
      return settings.cancelStatus === 204 ? new Response(null, { status: 204 }) : json(listed(job));
    },
    updateJob: (ctx) => {
      const job = jobOf(ctx);
      if (!job) return jobNotFound(ctx);
      const patch = ctx.body as JobUpdateOptionsUpdate;
      if (patch.name !== undefined) job.record.name = patch.name;
      if (patch.priority !== undefined) job.record.priority = patch.priority;
      if (patch.tags !== undefined) job.record.tags = patch.tags;
      job.record.lastModifiedTime = state.stamp();
      const { id, name, priority = null, tags } = job.record;
      return json({ id, name, priority, tags });
    },
    listProviderStatus: () => json({ value: state.providers, nextLink: null }),
    listQuotas: () => json({ value: state.quotas, nextLink: null }),
    listSessions: (ctx) => list(ctx, [...state.sessions.values()].map(sessionView)),
    getSession: (ctx) => {
      const session = sessionOf(ctx);
      return session ? json(sessionView(session)) : sessionNotFound(ctx);
    },
    openSession: (ctx) => {
      const result = state.openSession(
        String(ctx.path.sessionId),
        ctx.body as SessionDetails,
        settings.callerOf(ctx.request),
      );
      return 'session' in result ? json(sessionView(result.session)) : refused(result);
    },
    closeSession: (ctx) => {
      const session = sessionOf(ctx);
      if (!session) return sessionNotFound(ctx);
      state.closeSession(session);
      return json(sessionView(session));
    },
    listSessionJobs: (ctx) => {
      const session = sessionOf(ctx);
      if (!session) return sessionNotFound(ctx);
      const jobs = session.jobIds.map((id) => state.jobs.get(id)).filter((job) => job !== undefined);
      return list(ctx, jobs.map(listed));
    },
    getSasUri: (ctx) => {
      const { containerName, blobName } = ctx.body as BlobDetails;
      state.counters.sasUris += 1;
      // From this api-version the service creates a missing container.
      blobs.createContainer(containerName);
      const startsAt = state.now() - 5 * 60_000;
      const expiresAt = state.now() + state.sasLifetimeMs;
      const sasUri =
        blobName === undefined
          ? blobs.issueSas({
              container: containerName,
              permissions: 'rwlac',
              startsAt,
              expiresAt,
              kind: 'account',
            })
          : blobs.issueSas({
              container: containerName,
              blob: blobName,
              permissions: 'rcw',
              startsAt,
              expiresAt,
              kind: 'blob',
            });
      return json({ sasUri });
    },
    listTopLevelItems: (ctx) =>
      list(ctx, [
        ...[...state.sessions.values()].map(sessionView),
        ...[...state.jobs.values()].filter((job) => !job.record.sessionId).map(listed),
      ]),
  };
}
