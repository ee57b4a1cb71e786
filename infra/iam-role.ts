/**
 * `account/role-name` of an IAM role ARN (lower case: role names are unique per account regardless of
 * path and case), or undefined for anything else (a user, a root ARN). Two ARNs with one key are one
 * role, hence one EKS access entry.
 */
export function roleKey(arn: string): string | undefined {
  const m = /^arn:aws[\w-]*:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(arn);
  return m ? `${m[1]}/${m[2]!.toLowerCase()}` : undefined;
}
