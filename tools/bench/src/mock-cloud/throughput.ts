// The mock cloud's throughput under concurrent clients, against a bare node:http server on the same
// machine in the same run. Each server runs in a process of its own (serve.mjs); the load comes from
// this process: `clients` keep-alive connections, each sending its next request as soon as the answer
// to the last one has been read (node:http's client, as a test suite's HTTP client would send them).
import { type ChildProcess, spawn } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { FetchLike } from '@qc/auth';
import { seededRandom } from '@qc/core/contract';
import type { LoadedBench } from '../providers.js';
import type { MockCloudInfo } from './info.js';

/** A request as a facade sent it: replayed verbatim by the load generator. */
export interface RecordedRequest {
  provider: string;
  method: string;
  path: string;
  headers: Record<string, string>;
}

export interface ThroughputPlan {
  clients: number;
  /** Timed rounds; each round loads each server once, in a shuffled order. */
  rounds: number;
  /** Length of one server's load in a round. */
  roundMs: number;
}

export interface ThroughputResult {
  plan: ThroughputPlan;
  /** Requests answered per second, one figure per round. */
  mockCloud: number[];
  bare: number[];
  /** Server CPU time per request (µs), one figure per round. */
  mockCloudCpuMicros: number[];
  bareCpuMicros: number[];
  /** Answers other than 200 from the mock cloud (0 when every replayed read succeeded). */
  failures: number;
  /** The facades' reads replayed, in rotation. */
  reads: string[];
}

interface Server {
  origin: string;
  info: MockCloudInfo;
  cpuMicros(): Promise<number>;
  stop(): Promise<void>;
}

const SERVE = fileURLToPath(new URL('./serve.mjs', import.meta.url));

async function startServer(kind: 'bare' | 'mock-cloud'): Promise<Server> {
  const child = spawn(process.execPath, [SERVE, kind], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  // The mock cloud's request log: read and dropped, as a terminal would take it.
  child.stdout?.resume();
  const next = <T>(type: string) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (message: { type?: string } & T) => {
        if (message.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(message);
      };
      const onExit = (code: number | null) => reject(new Error(`bench server "${kind}" exited (${code})`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const listening = await next<{ origin: string; services?: MockCloudInfo['services'] }>('listening');
  return {
    origin: listening.origin,
    info: { services: listening.services ?? {} },
    cpuMicros: async () => {
      const reply = next<{ micros: number }>('cpu');
      child.send({ type: 'cpu' });
      return (await reply).micros;
    },
    stop: () => stopChild(child),
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.send({ type: 'stop' });
  });
}

/** Runs each provider's typical read through its facade once, and records the request it sent. */
async function recordReads(benches: readonly LoadedBench[], info: MockCloudInfo): Promise<RecordedRequest[]> {
  const recorded: RecordedRequest[] = [];
  for (const bench of benches) {
    let last: Request | undefined;
    const recording: FetchLike = (input, init) => {
      last = new Request(input, init);
      return fetch(last);
    };
    await bench.mockCloudRead(info, recording);
    if (last === undefined) throw new Error(`the ${bench.dir} read sent nothing`);
    const url = new URL(last.url);
    const headers: Record<string, string> = {};
    for (const [name, value] of last.headers) {
      if (name !== 'host' && name !== 'connection' && name !== 'content-length') headers[name] = value;
    }
    recorded.push({
      provider: bench.dir,
      method: last.method,
      path: `${url.pathname}${url.search}`,
      headers,
    });
  }
  return recorded;
}

/** Replays the reads round-robin over `clients` connections for `ms`; answers per second and non-200s. */
async function load(
  agent: Agent,
  origin: string,
  reads: readonly RecordedRequest[],
  clients: number,
  ms: number,
): Promise<{ perSecond: number; failures: number; answered: number }> {
  const { hostname, port } = new URL(origin);
  let running = true;
  let answered = 0;
  let failures = 0;
  const send = (read: RecordedRequest) =>
    new Promise<void>((resolve, reject) => {
      const outgoing = httpRequest(
        { agent, hostname, port, method: read.method, path: read.path, headers: read.headers },
        (incoming) => {
          incoming.resume();
          incoming.on('end', () => {
            answered += 1;
            if (incoming.statusCode !== 200) failures += 1;
            resolve();
          });
          incoming.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end();
    });
  const client = async (offset: number) => {
    for (let i = offset; running; i++) await send(reads[i % reads.length] as RecordedRequest);
  };
  const started = performance.now();
  const loops = Array.from({ length: clients }, (_, i) => client(i));
  await new Promise((resolve) => setTimeout(resolve, ms));
  running = false;
  await Promise.all(loops);
  return { perSecond: answered / ((performance.now() - started) / 1000), failures, answered };
}

/**
 * Requests per second of the mock cloud serving the providers' typical reads, and of a bare node:http
 * server, under the same load, measured in alternation (one warm-up round first).
 */
export async function measureThroughput(
  benches: readonly LoadedBench[],
  plan: ThroughputPlan,
): Promise<ThroughputResult> {
  const [bare, mockCloud] = await Promise.all([startServer('bare'), startServer('mock-cloud')]);
  const agents = [bare, mockCloud].map(() => new Agent({ keepAlive: true, maxSockets: plan.clients }));
  try {
    const reads = await recordReads(benches, mockCloud.info);
    const result: ThroughputResult = {
      plan,
      mockCloud: [],
      bare: [],
      mockCloudCpuMicros: [],
      bareCpuMicros: [],
      failures: 0,
      reads: reads.map((read) => `${read.provider}: ${read.method} ${read.path.split('?')[0]}`),
    };
    const targets = [
      { server: bare, agent: agents[0] as Agent, rps: result.bare, cpu: result.bareCpuMicros },
      { server: mockCloud, agent: agents[1] as Agent, rps: result.mockCloud, cpu: result.mockCloudCpuMicros },
    ];
    const random = seededRandom(0x5eed);
    for (let round = -1; round < plan.rounds; round++) {
      const order = random() < 0.5 ? targets : [...targets].reverse();
      for (const target of order) {
        const cpuBefore = await target.server.cpuMicros();
        const { perSecond, failures, answered } = await load(
          target.agent,
          target.server.origin,
          reads,
          plan.clients,
          plan.roundMs,
        );
        const cpu = (await target.server.cpuMicros()) - cpuBefore;
        if (round < 0) continue;
        target.rps.push(perSecond);
        target.cpu.push(cpu / answered);
        if (target.server === mockCloud) result.failures += failures;
      }
    }
    return result;
  } finally {
    for (const agent of agents) agent.destroy();
    await Promise.all([bare.stop(), mockCloud.stop()]);
  }
}
