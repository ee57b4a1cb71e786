import { makeOrders } from "./inputs.js";
import { BYTES_PER_MB, cpuWorkload } from "./types.js";

/** Parse and re-serialise a ~90 KB API response: what every JSON API does per request. */
export const jsonWorkload = cpuWorkload("MB/s", "JSON.parse + JSON.stringify of a 200-record API document, per MB of JSON", () => {
  const text = JSON.stringify(makeOrders(200));
  const megabytes = Buffer.byteLength(text) / BYTES_PER_MB;
  return () => {
    const parsed = JSON.parse(text) as unknown[];
    if (JSON.stringify(parsed).length !== text.length) throw new Error("JSON round trip changed the document");
    return megabytes;
  };
});
