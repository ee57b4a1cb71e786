import type { Props } from "../props";

/** IMDSv2 only (session tokens): pods cannot reach the node role's credentials through a plain GET. */
export function requiresImdsV2(nodeGroup: Props, name: string): string[] {
  return nodeGroup.enableIMDSv2 === true ? [] : [`managed node group ${name}: enableIMDSv2 is not true`];
}
