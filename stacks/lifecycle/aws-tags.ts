import type { RunCommand } from "../shared/run-command";

/** One resource as the Resource Groups Tagging API lists it. */
export interface TaggedResource {
  arn: string;
  region: string;
  tags: Record<string, string>;
}

/**
 * Resources carrying a tag (optionally with one of some values), through the AWS CLI, which pages for
 * us. The CLI rather than SDK v3: the kubeconfig already needs it (aws eks get-token), so it is there
 * wherever a run is, and the repository does not grow three SDK clients for a handful of read calls.
 */
export async function resourcesTagged(run: RunCommand, region: string, key: string, values: string[] = []): Promise<TaggedResource[]> {
  const filter = values.length > 0 ? `Key=${key},Values=${values.join(",")}` : `Key=${key}`;
  const result = await run("aws", ["resourcegroupstaggingapi", "get-resources", "--region", region, "--tag-filters", filter, "--output", "json"]);
  if (result.code !== 0) throw new Error(`aws resourcegroupstaggingapi get-resources (${region}) failed: ${result.stderr.trim().split("\n")[0] ?? ""}`);
  const list = (JSON.parse(result.stdout) as { ResourceTagMappingList?: { ResourceARN: string; Tags?: { Key: string; Value: string }[] }[] }).ResourceTagMappingList ?? [];
  return list.map((r) => ({ arn: r.ResourceARN, region, tags: Object.fromEntries((r.Tags ?? []).map((t) => [t.Key, t.Value])) }));
}
