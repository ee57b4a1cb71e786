/**
 * `true` when two object types have exactly the same keys. Beside an assignability check it catches what
 * assignability misses: a zod object silently drops keys it does not declare, so an optional field added
 * on one side of a contract would otherwise vanish without a compile error.
 */
export type SameKeys<A, B> = [Exclude<keyof A, keyof B> | Exclude<keyof B, keyof A>] extends [never] ? true : false;
