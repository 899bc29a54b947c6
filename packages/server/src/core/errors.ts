// SPDX-License-Identifier: AGPL-3.0-or-later
import { ERROR_STATUS, type ErrorCode } from "@obhut/protocol";

/**
 * Errors with a stable code; the HTTP status comes from the protocol table.
 * Mapped to a response in exactly one place (app/http/errors.ts). Messages are
 * shown to users and logged, so they never contain content or secrets.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly issues: { path: string; message: string }[] | undefined;
  readonly headers: Record<string, string> | undefined;
  /** Machine-readable detail sent with the code (never content), e.g. the scope of a quota. */
  readonly details: Record<string, string> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: {
      issues?: { path: string; message: string }[];
      headers?: Record<string, string>;
      details?: Record<string, string>;
    } = {},
  ) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.issues = options.issues;
    this.headers = options.headers;
    this.details = options.details;
  }
}

export class NotFoundError extends AppError {
  constructor(message = "Not found") {
    super("not_found", message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = "You are not allowed to do this") {
    super("forbidden", message);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = "Please log in") {
    super("unauthenticated", message);
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super("conflict", message);
  }
}
