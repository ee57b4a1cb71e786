import type { ServerResponse } from "node:http";

/** Machine-readable error codes in every 4xx/5xx body: `{ "error": code, "message": text }`. */
export type ErrorCode =
  | "bad_request"
  | "invalid_json"
  | "json_too_deep"
  | "duplicate_key"
  | "number_out_of_range"
  | "not_found"
  | "method_not_allowed"
  | "unsupported_media_type"
  | "payload_too_large"
  | "headers_too_large"
  | "expectation_failed"
  | "request_timeout"
  | "shutting_down"
  | "internal_error";

/** An error that maps to one HTTP response; anything else thrown by a handler becomes a 500. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = "HttpError";
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendBytes(res, status, Buffer.from(JSON.stringify(body)), "application/json; charset=utf-8", headers);
}

export function sendBytes(
  res: ServerResponse,
  status: number,
  body: Buffer,
  contentType: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { ...headers, "content-type": contentType, "content-length": String(body.length) });
  res.end(body);
}

export function sendError(res: ServerResponse, error: HttpError): void {
  sendJson(res, error.status, { error: error.code, message: error.message }, { ...error.headers });
}
