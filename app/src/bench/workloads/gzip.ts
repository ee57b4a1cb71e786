import { gzipSync } from "node:zlib";
import { gzipOptions } from "../../service/work.js";
import { makeAccessLog } from "./inputs.js";
import { BYTES_PER_MB, cpuWorkload } from "./types.js";

/** gzip level 6 of 64 KB of text, as a server compresses a response (synchronously: on this thread's CPU). */
export const gzipWorkload = cpuWorkload("MB/s", "gzip (level 6) of 64 KB of access-log text, per MB of input", () => {
  const input = Buffer.from(makeAccessLog(64 * 1024));
  const megabytes = input.length / BYTES_PER_MB;
  return () => {
    gzipSync(input, gzipOptions);
    return megabytes;
  };
});
