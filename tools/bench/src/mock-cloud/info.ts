/** What the bench's mock cloud process reports about its services (tools/mock-cloud's `services`). */
export interface MockCloudInfo {
  services: Record<
    string,
    {
      baseUrls: Record<string, string>;
      credentials: Record<string, string>;
      /** Pasqal's: the custom environment the mock cloud serves. */
      environment?: unknown;
    }
  >;
}

/** A service of the mock cloud by name, or an error naming the one that is missing. */
export function serviceInfo(info: MockCloudInfo, name: string): MockCloudInfo['services'][string] {
  const service = info.services[name];
  if (service === undefined) throw new Error(`the mock cloud reports no service "${name}"`);
  return service;
}

/** A base URL or credential the mock cloud reports, or an error naming the one that is missing. */
export function field(values: Record<string, string>, name: string): string {
  const value = values[name];
  if (value === undefined) throw new Error(`the mock cloud reports no "${name}"`);
  return value;
}
