/**
 * Logs are read in pages from an opaque cursor, so the portal can follow new lines by polling
 * with the cursor it was last given (local: a byte offset in a file; AWS: CloudWatch's token).
 */
export interface LogLine {
  /** ISO 8601; local lines carry the time the server read them when the process gave none. */
  at: string;
  message: string;
}

export interface LogPage {
  lines: LogLine[];
  /** Pass back to get the lines written after these; present even when `lines` is empty. */
  cursor: string;
}

export interface LogRequest {
  name: string;
  /** Absent: start from the beginning (or the last `limit` lines). */
  cursor?: string;
  limit?: number;
}
