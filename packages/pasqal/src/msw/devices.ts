// The mock's devices, their specifications, and the device routes.
import type { MockOperation } from '@qc/core/contract';
import type { Device } from '../generated/types.gen.js';
import { jsend } from './jsend.js';
import { list, paged } from './query.js';

/** Devices of the mock: two QPUs (one inactive) and three emulators. */
export const MOCK_DEVICES: readonly (Device & {
  /** Listed by the public (unauthenticated) device routes. */
  public: boolean;
})[] = [
  device('FRESNEL', false, 'ACTIVE', 25, true),
  device('FRESNEL_CAN1', false, 'INACTIVE', 25, true),
  device('EMU_FREE', true, 'ACTIVE', 12, true),
  device('EMU_MPS', true, 'ACTIVE', 80, true),
  device('EMU_SV', true, 'ACTIVE', 25, false),
];

function device(
  type: string,
  emulator: boolean,
  availability: string,
  atoms: number,
  isPublic: boolean,
): Device & { public: boolean } {
  return {
    id: `mock-${type.toLowerCase()}`,
    name: type,
    device_type: type,
    status: availability === 'ACTIVE' ? 'UP' : 'DOWN',
    availability,
    average_queue_time: emulator ? 60 : 3600,
    max_atom_num: atoms,
    is_emulator: emulator,
    channels: [],
    allowed_result_types: ['counter'],
    default_result_types: ['counter'],
    active: availability === 'ACTIVE',
    description: `${type} (qc mock)`,
    bill_usage: !emulator,
    public: isPublic,
  };
}

/** A device's Pulser specification, as the service sends it: a JSON string. */
export function deviceSpecs(type: string): string {
  const d = MOCK_DEVICES.find((x) => x.device_type === type);
  return JSON.stringify({
    version: '1',
    name: type,
    dimensions: 2,
    rydberg_level: 60,
    max_atom_num: d?.max_atom_num ?? 0,
    min_atom_distance: 5,
    channels: [],
    is_virtual: d?.is_emulator ?? false,
  });
}

/** The device operations of the core API: lists (public or the caller's) and specifications. */
export function deviceRoutes(): Record<string, MockOperation> {
  return {
    listPublicDevices: (ctx) => {
      const types = list(ctx.query.device_type);
      return jsend(MOCK_DEVICES.filter((d) => d.public && (!types || types.includes(d.device_type))));
    },
    listDevices: (ctx) => {
      const types = list(ctx.query.device_type);
      const availability = list(ctx.query.availability);
      const devices = MOCK_DEVICES.filter(
        (d) =>
          (!types || types.includes(d.device_type)) &&
          (!availability || availability.includes(d.availability)) &&
          (typeof ctx.query.public !== 'boolean' || d.public === ctx.query.public),
      ).map((d, index) => ({ ...d, seq: index, createdAt: index }));
      return paged(
        devices,
        ctx.query,
        (d, field) => (field === 'device_type' || field === 'id' ? d.device_type : d.createdAt),
        ({ seq: _, createdAt: __, ...d }) => d,
      );
    },
    getDeviceSpecs: () =>
      jsend(Object.fromEntries(MOCK_DEVICES.map((d) => [d.device_type, deviceSpecs(d.device_type)]))),
    getPublicDeviceSpecs: () =>
      jsend(
        MOCK_DEVICES.filter((d) => d.public).map((d) => ({
          device_type: d.device_type,
          specs: deviceSpecs(d.device_type),
        })),
      ),
  };
}
