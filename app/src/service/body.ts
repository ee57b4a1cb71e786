import type { IncomingMessage } from "node:http";
import { HttpError } from "./http-errors.js";

/** The media type without parameters, lower-cased: "application/json; charset=utf-8" -> "application/json". */
export function mediaType(contentTypeHeader: string | undefined): string | undefined {
  const type = contentTypeHeader?.split(";", 1)[0]?.trim().toLowerCase();
  return type === "" ? undefined : type;
}

export function requireMediaType(req: IncomingMessage, accepted: readonly string[]): string {
  // A compressed body read as if it were plain would be hashed, compressed or parsed as the wrong bytes.
  const encoding = req.headers["content-encoding"]?.trim().toLowerCase();
  if (encoding !== undefined && encoding !== "" && encoding !== "identity") {
    throw new HttpError(415, "unsupported_media_type", `content-encoding ${encoding} is not accepted here; send the body uncompressed (no Content-Encoding, or identity)`);
  }
  const type = mediaType(req.headers["content-type"]);
  if (type === undefined || !accepted.includes(type)) {
    throw new HttpError(
      415,
      "unsupported_media_type",
      `content-type ${type ?? "(missing)"} is not accepted here; send one of: ${accepted.join(", ")}`,
    );
  }
  return type;
}

/**
 * Reads the whole body, refusing more than maxBytes: early from Content-Length, otherwise as soon as the
 * stream passes the limit. An over-limit request gets its 413 and then the connection is closed, so a
 * client cannot keep streaming into the server.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const tooLarge = () =>
    new HttpError(413, "payload_too_large", `request body is larger than ${maxBytes} bytes; send at most ${maxBytes} bytes`, {
      connection: "close",
    });
  const declared = req.headers["content-length"];
  if (declared !== undefined && Number(declared) > maxBytes) return Promise.reject(tooLarge());

  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) {
        cleanup();
        req.pause();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, received));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
  });
}
