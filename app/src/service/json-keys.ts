/**
 * What JSON.parse hides: it keeps only the last of two equal keys in one object, and reads a number beyond
 * the double range as ±Infinity (which JSON.stringify sends back as null). The service refuses both rather
 * than lose what the client sent. Input here is text JSON.parse has already accepted.
 */

// Every string token of valid JSON, in order, and whether a colon follows it (then it is a key).
const STRING_TOKEN = /"(?:[^"\\]|\\.)*"(\s*:)?/g;

/** Keys written in the source text, counting each repetition. */
export function sourceKeyCount(text: string): number {
  let count = 0;
  for (const match of text.matchAll(STRING_TOKEN)) if (match[1] !== undefined) count++;
  return count;
}

/** Own keys of every object in a parsed value (iterative: the value may be deeper than the stack). */
export function parsedKeyCount(value: unknown): number {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === null || typeof item !== "object") continue;
    const children = Array.isArray(item) ? item : Object.values(item);
    if (!Array.isArray(item)) count += children.length;
    for (const child of children) stack.push(child);
  }
  return count;
}

/** The first key written twice in one object, decoded; undefined when there is none. Only on the error path. */
export function firstDuplicateKey(text: string): string | undefined {
  // One frame per open object or array; an object's frame holds its keys so far.
  const frames: (Set<string> | undefined)[] = [];
  for (const match of text.matchAll(/"(?:[^"\\]|\\.)*"(\s*:)?|[{}[\]]/g)) {
    const token = match[0];
    if (token === "{") frames.push(new Set());
    else if (token === "[") frames.push(undefined);
    else if (token === "}" || token === "]") frames.pop();
    else if (match[1] !== undefined) {
      const key = JSON.parse(token.slice(0, token.length - match[1].length)) as string;
      const keys = frames[frames.length - 1];
      if (keys?.has(key)) return key;
      keys?.add(key);
    }
  }
  return undefined;
}

/** Whether a parsed value holds a number JSON.parse could not represent (±Infinity). */
export function hasNonFiniteNumber(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === "number" && !Number.isFinite(item)) return true;
    if (item !== null && typeof item === "object") for (const child of Array.isArray(item) ? item : Object.values(item)) stack.push(child);
  }
  return false;
}
