// The tour as a Cloudflare Worker (workerd, no nodejs_compat): POST the targets (the JSON of
// `mockCloudTargets`) and the answer is the summary table. CI bundles it with esbuild, as a Worker's
// users would, and runs it in workerd against a mock cloud served by Node.
import { renderSummary } from './report.js';
import { type TourTargets, tour } from './tour.js';

export default {
  async fetch(request: Request): Promise<Response> {
    try {
      const rows = await tour((await request.json()) as TourTargets);
      return new Response(`${renderSummary(rows)}\n`);
    } catch (error) {
      // Typed qc errors carry no secrets; name and message only.
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      return new Response(`The tour stopped: ${message}\n`, { status: 500 });
    }
  },
};
