// Devices: the caller's devices, the public ones, and their specifications.
import type { CallOptions, PasqalContext } from './context.js';
import * as sdk from './generated/sdk.gen.js';
import type {
  GetDeviceSpecsResponse,
  GetPublicDeviceSpecsResponse,
  ListDevicesData,
  ListDevicesResponse,
  ListPublicDevicesData,
  ListPublicDevicesResponse,
} from './generated/types.gen.js';
import { type Page, pageOf } from './paging.js';

/** Filters of listDevices. */
export type DeviceQuery = NonNullable<ListDevicesData['query']>;
/** Filters of listPublicDevices. */
export type PublicDeviceQuery = NonNullable<ListPublicDevicesData['query']>;

/** What a Pasqal client tells about devices. */
export interface DeviceOperations {
  /** One page of the devices the caller can see, with their status and availability. */
  listDevices(query?: DeviceQuery, options?: CallOptions): Promise<Page<ListDevicesResponse['data'][number]>>;
  /** Needs no credentials. */
  listPublicDevices(
    query?: PublicDeviceQuery,
    options?: CallOptions,
  ): Promise<ListPublicDevicesResponse['data']>;
  /** Each device type's specification (a JSON string). */
  getDeviceSpecs(options?: CallOptions): Promise<GetDeviceSpecsResponse['data']>;
  /** Needs no credentials. */
  getPublicDeviceSpecs(options?: CallOptions): Promise<GetPublicDeviceSpecsResponse['data']>;
}

/** The device operations, bound to one client. */
export function deviceOperations(context: PasqalContext): DeviceOperations {
  const { client } = context;
  return {
    async listDevices(query = {}, callOptions = {}) {
      const { data, response } = await sdk.listDevices({
        client,
        query,
        ...callOptions,
      });
      return pageOf(data, response);
    },
    async listPublicDevices(query = {}, callOptions = {}) {
      const { data } = await sdk.listPublicDevices({
        client,
        query,
        ...callOptions,
      });
      return data.data;
    },
    async getDeviceSpecs(callOptions = {}) {
      const { data } = await sdk.getDeviceSpecs({ ...callOptions, client });
      return data.data;
    },
    async getPublicDeviceSpecs(callOptions = {}) {
      const { data } = await sdk.getPublicDeviceSpecs({
        client,
        ...callOptions,
      });
      return data.data;
    },
  };
}
