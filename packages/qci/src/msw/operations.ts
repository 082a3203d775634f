import { jsonResponse, type MockContext, type MockOperation, textResponse } from '@qc/core/contract';
import type { JobCancelRequest, JobSubmitBody } from '../generated/types.gen.js';
import type { QciMockState } from './state.js';

const text = (status: number, message: string) =>
  textResponse(message, { status, headers: { 'content-type': 'text/plain' } });
const json = (body: unknown, status = 200) => jsonResponse(body, { status });

/** The implementation of every operation of specs/qci.yaml over a {@link QciMockState}. */
export function qciOperations(state: QciMockState): Record<string, MockOperation> {
  const fileOr404 = (ctx: MockContext) => state.files.get(String(ctx.path.file_id));
  const jobOr404 = (ctx: MockContext) => state.jobs.get(String(ctx.path.job_id));

  return {
    createAccessToken: ({ body }) => {
      const { refresh_token } = body as { refresh_token: string };
      if (!state.refreshTokens.has(refresh_token)) return text(401, 'Unauthorized');
      const { token, expiresAt } = state.issueAccessToken();
      return json({
        access_token: token,
        expires_at_rfc3339: `${new Date(expiresAt).toISOString().slice(0, 19)}Z`,
        token_type: 'bearer',
        organization_id: '64b0d6f1c9e77c0012345678',
        user_id: '64b0d6f1c9e77c0087654321',
      });
    },
    getAccessTokensHealth: () => json({ message: 'OK' }),
    getAccessTokensVersion: () => json({ application_name: 'qci-mock-auth', version: '1.0.0' }),

    createFile: ({ body }) => {
      const { file_name, file_config } = body as {
        file_name?: string;
        file_config: Record<string, Record<string, unknown>>;
      };
      return json({ file_id: state.createFile(file_name, file_config).id });
    },
    listFiles: () => json({ files: [...state.files.values()].map((f) => state.metadataOf(f)) }),
    getFile: (ctx) => {
      const file = fileOr404(ctx);
      return file ? json(state.metadataOf(file)) : text(404, 'file not found');
    },
    deleteFile: (ctx) => {
      const deleted = state.files.delete(String(ctx.path.file_id));
      return json({ num_deleted: deleted ? 1 : 0 });
    },
    uploadFilePart: (ctx) => {
      const file = fileOr404(ctx);
      if (!file) return text(404, 'file not found');
      const config = (ctx.body as { file_config: Record<string, Record<string, unknown>> }).file_config;
      const [type, part] = Object.entries(config)[0] ?? [];
      if (type !== file.type || !part) {
        return text(400, `part has file type ${String(type)}, the file was created as ${file.type}`);
      }
      state.counters.partUploads += 1;
      // PATCH of a numbered part replaces it: uploading the same part twice is harmless.
      file.parts.set(Number(ctx.path.part_number), part);
      return json({ file_id: file.id });
    },
    getFilePart: (ctx) => {
      const file = fileOr404(ctx);
      const part = file ? state.partOf(file, Number(ctx.path.part_number)) : undefined;
      return part ? json(part) : text(404, 'file part not found');
    },

    submitJob: ({ body }) => {
      const { job_submission } = body as JobSubmitBody;
      for (const [key, value] of Object.entries(Object.values(job_submission.problem_config)[0] ?? {})) {
        if (key.endsWith('_file_id') && typeof value === 'string' && !state.files.has(value)) {
          return text(400, `${key} ${value} does not name an uploaded file`);
        }
      }
      return json({ job_id: state.submitJob(job_submission).id });
    },
    getAllocations: () =>
      json({ allocations: { dirac: { seconds: state.allocationSeconds, metered: true } } }),
    getJob: (ctx) => {
      const job = jobOr404(ctx);
      if (!job) return text(404, 'job not found');
      // Only status polls move the job on, so a job record never runs ahead of the status just read.
      const result =
        job.resultFileId !== undefined
          ? { job_result: { file_id: job.resultFileId, device_usage_s: job.deviceUsageSeconds } }
          : job.error !== undefined
            ? { job_result: { error: job.error } }
            : {};
      return json({ job_id: job.id, job_submission: job.submission, job_status: job.timestamps, ...result });
    },
    getJobStatus: (ctx) => {
      const job = jobOr404(ctx);
      if (!job) return text(404, 'job not found');
      state.observe(job);
      return json({ job_id: job.id, status: job.status });
    },
    cancelJob: (ctx) => {
      const job = jobOr404(ctx);
      if (!job) return text(404, 'job not found');
      const at = (ctx.body as JobCancelRequest).job_status.cancelled_at_rfc3339nano;
      if (!state.cancel(job, at)) return text(400, `job ${job.id} is ${job.status} and cannot be cancelled`);
      return json({ job_id: job.id, job_status: job.timestamps });
    },
    getJobMetrics: (ctx) => metrics(ctx),
    getJobMetricsV1: (ctx) => metrics(ctx),
    getJobMetricsV2: (ctx) => metrics(ctx),
  };

  function metrics(ctx: MockContext) {
    const job = jobOr404(ctx);
    if (!job) return text(404, 'job not found');
    if (job.status !== 'COMPLETED') return json({ job_id: job.id });
    const start = Date.parse(job.timestamps.running_at_rfc3339nano ?? '') * 1e6;
    const end = Date.parse(job.timestamps.completed_at_rfc3339nano ?? '') * 1e6;
    return json({
      job_id: job.id,
      job_metrics: { time_ns: { wall: { start, end, processing: { start, end } } } },
    });
  }
}
