import type { Pool } from "../../infra/config";

/** A pool for pure-logic tests: one node, an app pool unless told otherwise. */
export const pool = (name: string, arch: Pool["arch"], instanceType: string, role: Pool["role"] = "app"): Pool => ({ name, arch, instanceType, nodes: 1, role });
