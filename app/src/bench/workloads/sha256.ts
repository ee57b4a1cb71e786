import { createHash } from "node:crypto";
import { makeBytes } from "./inputs.js";
import { BYTES_PER_MB, cpuWorkload } from "./types.js";

const MESSAGE_BYTES = 4096;
const MESSAGES_PER_STEP = 16;

/** sha256 of 4 KiB messages (ETags, signatures, content addressing), hash object per message. */
export const sha256Workload = cpuWorkload("MB/s", "sha256 of 4 KiB messages, one hash object each, per MB hashed", () => {
  const data = makeBytes(MESSAGE_BYTES * MESSAGES_PER_STEP);
  const megabytes = data.length / BYTES_PER_MB;
  return () => {
    for (let offset = 0; offset < data.length; offset += MESSAGE_BYTES) {
      createHash("sha256").update(data.subarray(offset, offset + MESSAGE_BYTES)).digest();
    }
    return megabytes;
  };
});
