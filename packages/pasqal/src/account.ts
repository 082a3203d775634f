// The account API: the caller's projects and what the service knows of the caller.
import type { CallOptions, PasqalContext } from './context.js';
import * as sdk from './generated/sdk.gen.js';
import type { GetAuthInfoResponse, ListProjectsData, ListProjectsResponse } from './generated/types.gen.js';

/** Filters of listProjects. */
export type ProjectQuery = NonNullable<ListProjectsData['query']>;

/** What a Pasqal client reads from the account API (through `accountClient`). */
export interface AccountOperations {
  /** The projects the caller belongs to (`project_status: 'ACTIVE'` for the usable ones). */
  listProjects(query?: ProjectQuery, options?: CallOptions): Promise<ListProjectsResponse['data']>;
  /** Who the token belongs to: a cheap check that the credentials work in this environment. */
  getAuthInfo(options?: CallOptions): Promise<GetAuthInfoResponse['data']>;
}

/** The account operations, bound to one client. */
export function accountOperations(context: PasqalContext): AccountOperations {
  const { accountClient } = context;
  return {
    async listProjects(query = {}, callOptions = {}) {
      const { data } = await sdk.listProjects({
        client: accountClient,
        query,
        ...callOptions,
      });
      return data.data;
    },
    async getAuthInfo(callOptions = {}) {
      const { data } = await sdk.getAuthInfo({
        client: accountClient,
        ...callOptions,
      });
      return data.data;
    },
  };
}
