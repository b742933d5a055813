import type { ReportStorage } from '@mlspace/aws';

/** Reports in memory, keeping the bodies so tests can read the CSV that was stored. */
export function createFakeReportStorage(): ReportStorage & { objects: Map<string, string> } {
  const objects = new Map<string, string>();
  return {
    objects,
    keyFor: (name) => `reports/${name}`,
    put: async (key, body) => {
      objects.set(key, body);
    },
    presignGet: async (key) => `https://storage.test/mlspace-data/${key}?signed=get`,
    delete: async (key) => {
      objects.delete(key);
    },
  };
}
