import type { Props } from "../props";

/** The part of a policy resource (`PolicyResource`) that stack rules read. */
export interface StackResource {
  type: string;
  name: string;
  urn: string;
  props: Props;
}

/** A stack-level violation, tied to a resource when one is to blame. */
export interface Violation {
  message: string;
  urn?: string;
}
