import type { z } from "zod";
import { wholeNumberRangeOf, type WholeNumberRange } from "../../infra/config-fields";
import { archbenchConfigSchema } from "../../infra/config-schema";

/** Peels defaults, optionals and arrays off a schema to reach the object inside, if any. */
function objectShape(schema: z.ZodType): Record<string, z.ZodType> | undefined {
  let current: unknown = schema;
  for (;;) {
    const def = (current as { def?: { type?: string; innerType?: unknown; element?: unknown; shape?: Record<string, z.ZodType> } }).def;
    if (!def) return undefined;
    if (def.type === "object") return def.shape;
    if (def.type === "array") current = def.element;
    else if (def.innerType) current = def.innerType;
    else return undefined;
  }
}

/**
 * Every config key the program reads, as a user writes it: `archbench:pools[].instanceType`,
 * `archbench:benchmark.runId`, … The README's config reference is checked against this list.
 */
export function configKeys(): string[] {
  return [...configKeySchemas().keys()];
}

/** Every config key with its schema, in the order of configKeys(). */
function configKeySchemas(): Map<string, z.ZodType> {
  const keys = new Map<string, z.ZodType>();
  const walk = (prefix: string, shape: Record<string, z.ZodType>) => {
    for (const [name, schema] of Object.entries(shape)) {
      const isArray = (schema as { def?: { type?: string } }).def?.type === "array";
      const key = `${prefix}${name}`;
      keys.set(key, schema);
      const inner = objectShape(schema);
      if (inner) walk(`${key}${isArray ? "[]" : ""}.`, inner);
    }
  };
  walk("archbench:", objectShape(archbenchConfigSchema)!);
  return keys;
}

/** The whole-number keys and their allowed ranges: the README must state each range. */
export function configKeyRanges(): Map<string, WholeNumberRange> {
  const ranges = new Map<string, WholeNumberRange>();
  for (const [key, schema] of configKeySchemas()) {
    const range = wholeNumberRangeOf(schema);
    if (range) ranges.set(key, range);
  }
  return ranges;
}
