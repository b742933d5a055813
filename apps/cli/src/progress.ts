/**
 * A transfer's progress on stderr: a bar redrawn in place on a terminal, and one line per
 * finished file otherwise (a log or a CI job), so the output never fills with redraws.
 */
import type { TransferProgress } from '@mlspace/client';

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export function progressBar(progress: TransferProgress, width = 24): string {
  const fraction =
    progress.totalBytes === 0 ? 1 : Math.min(1, progress.doneBytes / progress.totalBytes);
  const filled = Math.round(fraction * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.round(fraction * 100)).padStart(3)}%  ${formatBytes(progress.doneBytes)} / ${formatBytes(progress.totalBytes)}  ${progress.filesDone}/${progress.filesTotal} files`;
}

export function createProgressReporter(verb: string, stream: NodeJS.WriteStream = process.stderr) {
  let lastFilesDone = 0;
  let lastDraw = 0;
  return {
    update(progress: TransferProgress) {
      if (stream.isTTY) {
        const now = Date.now();
        if (now - lastDraw < 100 && progress.filesDone === lastFilesDone) return;
        lastDraw = now;
        lastFilesDone = progress.filesDone;
        stream.write(
          `\r${progressBar(progress)}  ${progress.file}`
            .slice(0, (stream.columns || 120) - 1)
            .padEnd((stream.columns || 120) - 1),
        );
      } else if (progress.filesDone > lastFilesDone) {
        lastFilesDone = progress.filesDone;
        stream.write(`${verb} ${progress.file} (${progress.filesDone}/${progress.filesTotal})\n`);
      }
    },
    finish() {
      if (stream.isTTY) stream.write('\n');
    },
  };
}
