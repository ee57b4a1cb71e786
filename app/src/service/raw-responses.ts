import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import type { ErrorCode } from "./http-errors.js";

/**
 * Answers for what never reaches the request handler (Node's parser rejected the bytes, or a CONNECT
 * nobody serves). Node's own answers here have an empty body; these carry the JSON error body every
 * other 4xx has, then close the connection.
 */

interface RawAnswer {
  status: number;
  reason: string;
  code: ErrorCode;
  message: string;
  headers?: Readonly<Record<string, string>>;
}

/** What a parser error means for the client, as Node itself would map it, with a fix to try. */
export function clientErrorAnswer(error: NodeJS.ErrnoException): RawAnswer {
  // llhttp errors carry a readable reason ("Invalid header value char") beside the code.
  const reason = (error as { reason?: unknown }).reason;
  const detail = typeof reason === "string" && reason !== "" ? `${reason} (${error.code ?? "parse error"})` : (error.code ?? error.message);
  switch (error.code) {
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return {
        status: 408,
        reason: "Request Timeout",
        code: "request_timeout",
        message: `request timeout: ${detail}; send the whole request (headers and body) sooner`,
      };
    case "HPE_HEADER_OVERFLOW":
      return {
        status: 431,
        reason: "Request Header Fields Too Large",
        code: "headers_too_large",
        message: `request header fields too large: ${detail}; send fewer or shorter headers`,
      };
    case "HPE_CHUNK_EXTENSIONS_OVERFLOW":
      return {
        status: 413,
        reason: "Payload Too Large",
        code: "payload_too_large",
        message: `chunk extensions too large: ${detail}; send chunks without extensions`,
      };
    default:
      return {
        status: 400,
        reason: "Bad Request",
        code: "bad_request",
        message: `bad request: ${detail}; send a well-formed HTTP/1.1 request`,
      };
  }
}

export function rawJsonResponse(answer: RawAnswer): string {
  const body = JSON.stringify({ error: answer.code, message: answer.message });
  const extra = Object.entries(answer.headers ?? {}).map(([name, value]) => `${name}: ${value}\r\n`);
  return (
    `HTTP/1.1 ${answer.status} ${answer.reason}\r\ncontent-type: application/json; charset=utf-8\r\n` +
    `content-length: ${Buffer.byteLength(body)}\r\n${extra.join("")}connection: close\r\n\r\n${body}`
  );
}

/**
 * The server's `clientError` handler. Writes only when the socket can take it and no response has
 * started on it (bytes of a half-written response followed by ours would corrupt what the client reads);
 * the socket is destroyed in every case.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (error.code === "ECONNRESET" || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  endThenDestroy(socket, rawJsonResponse(clientErrorAnswer(error)));
}

/** The server's `connect` handler: CONNECT is not served here (Node would drop the connection silently). */
export function answerConnect(req: IncomingMessage, socket: Duplex): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  endThenDestroy(
    socket,
    rawJsonResponse({
      status: 405,
      reason: "Method Not Allowed",
      code: "method_not_allowed",
      message: `CONNECT ${req.url ?? ""} is not allowed: this service is not a proxy; use GET, HEAD or POST (GET / lists the endpoints)`,
      headers: { allow: "GET, HEAD, POST" },
    }),
  );
}

function endThenDestroy(socket: Duplex, response: string): void {
  socket.end(response, () => socket.destroy());
  // A peer that never reads must not hold the socket open.
  setTimeout(() => socket.destroy(), 5_000).unref();
}
