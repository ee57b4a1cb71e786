import { brotliCompressSync } from "node:zlib";
import { brotliOptions } from "../../service/work.js";
import { makeAccessLog } from "./inputs.js";
import { BYTES_PER_MB, cpuWorkload } from "./types.js";

/** brotli quality 5 (a typical on-the-fly level) of 64 KB of text. */
export const brotliWorkload = cpuWorkload("MB/s", "brotli (quality 5) of 64 KB of access-log text, per MB of input", () => {
  const input = Buffer.from(makeAccessLog(64 * 1024));
  const megabytes = input.length / BYTES_PER_MB;
  return () => {
    brotliCompressSync(input, brotliOptions);
    return megabytes;
  };
});
