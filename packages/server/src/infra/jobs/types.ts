// SPDX-License-Identifier: AGPL-3.0-or-later

/** The part of pino the jobs use; a pino logger fits. Never log job payloads. */
export interface JobLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export const silentLogger: JobLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/**
 * What is stored about a failure: the message only, shortened. Stack traces
 * and error objects may carry payload content; messages are written by us.
 */
export function errorSummary(err: unknown): string {
  const message = err instanceof Error ? err.message : "non-Error value thrown";
  return message.length > 500 ? `${message.slice(0, 497)}...` : message;
}
