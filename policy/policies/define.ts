import type { ResourceValidation, ResourceValidationArgs, StackValidation } from "@pulumi/policy";
import type { Props } from "../props";
import type { StackResource, Violation } from "../stack/stack-resource";

/** A resource validation that applies `check` to resources of the given types and reports each message. */
export function forTypes(types: readonly string[], check: (props: Props, args: ResourceValidationArgs) => string[]): ResourceValidation {
  return (args, reportViolation) => {
    if (!types.includes(args.type)) args.notApplicable(`applies to ${types.join(", ")}`);
    for (const message of check(args.props as Props, args)) reportViolation(message);
  };
}

/** A stack validation that reports each violation of `rule` against the resource to blame. */
export function overStack(rule: (resources: StackResource[]) => Violation[]): StackValidation {
  return (args, reportViolation) => {
    for (const violation of rule(args.resources)) reportViolation(violation.message, violation.urn);
  };
}
