import { useState } from 'react';

import { errorMessage } from '../../utils/format';
import { trpc } from '../../utils/trpc';
import { saveTextFile } from './csv-download';

/** Fetches a month's usage CSV (a project's, or every project's without one) and saves it. */
export function useUsageCsv(input: { project?: string; month?: string }) {
  const utils = trpc.useUtils();
  const [downloading, setDownloading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const download = async () => {
    setDownloading(true);
    setError(null);
    try {
      const { fileName, csv } = await utils.usage.csv.fetch(input);
      saveTextFile(fileName, csv);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setDownloading(false);
    }
  };
  return { download: () => void download(), downloading, error };
}
