/**
 * Reads a multi-arch image back through a registry's HTTP API (distribution v2), the way a node
 * pulling it would: index → the manifest of each platform → that manifest's config blob. Fails
 * unless the index lists every expected platform and each config states the same os/architecture.
 * Every document fetched by digest is checked against its digest and descriptor size.
 *
 *   tsx test/image/registry-index.ts <registry base URL> <repository> <tag or digest> <os/arch>...
 *
 * stdout: one line per platform, "<arch> <manifest digest> <compressed bytes>" (config + layers, as
 * stored in the registry); a readable summary goes to stderr.
 */
import { createHash } from "node:crypto";
import { z } from "zod";

const INDEX_TYPES = [
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
];
const MANIFEST_TYPES = [
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.docker.distribution.manifest.v2+json",
];

const BLOB_ACCEPT = ["*/*"];

const descriptorSchema = z.object({
  mediaType: z.string(),
  digest: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  size: z.number().int().nonnegative(),
});
const indexSchema = z.object({
  schemaVersion: z.literal(2),
  manifests: z.array(
    descriptorSchema.extend({
      platform: z.object({ os: z.string(), architecture: z.string(), variant: z.string().optional() }).optional(),
    }),
  ),
});
const manifestSchema = z.object({
  schemaVersion: z.literal(2),
  config: descriptorSchema,
  layers: z.array(descriptorSchema).min(1),
});
const configSchema = z.object({
  os: z.string(),
  architecture: z.string(),
  config: z.object({ User: z.string().optional() }).optional(),
});

interface Fetched {
  body: Buffer;
  contentType: string;
}

async function fetchDocument(url: string, accept: string[], expectedDigest?: string, expectedSize?: number): Promise<Fetched> {
  const response = await fetch(url, { headers: { Accept: accept.join(", ") } });
  if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`);
  const body = Buffer.from(await response.arrayBuffer());
  const digest = `sha256:${createHash("sha256").update(body).digest("hex")}`;
  if (expectedDigest !== undefined && digest !== expectedDigest) {
    throw new Error(`GET ${url}: content digest ${digest}, expected ${expectedDigest}`);
  }
  if (expectedSize !== undefined && body.length !== expectedSize) {
    throw new Error(`GET ${url}: ${body.length} bytes, the descriptor says ${expectedSize}`);
  }
  const headerDigest = response.headers.get("docker-content-digest");
  if (headerDigest !== null && headerDigest !== digest) {
    throw new Error(`GET ${url}: Docker-Content-Digest ${headerDigest} but the body hashes to ${digest}`);
  }
  return { body, contentType: (response.headers.get("content-type") ?? "").split(";")[0]!.trim() };
}

function parseJson<T>(schema: z.ZodType<T>, fetched: Fetched, what: string): T {
  const parsed = schema.safeParse(JSON.parse(fetched.body.toString("utf8")));
  if (!parsed.success) throw new Error(`${what}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return parsed.data;
}

async function main(argv: string[]): Promise<void> {
  const [base, repository, reference, ...platforms] = argv;
  if (base === undefined || repository === undefined || reference === undefined || platforms.length === 0) {
    throw new Error("usage: registry-index.ts <registry base URL> <repository> <tag or digest> <os/arch>...");
  }
  const api = `${base.replace(/\/$/, "")}/v2/${repository}`;

  const byDigest = reference.startsWith("sha256:") ? reference : undefined;
  const indexDoc = await fetchDocument(`${api}/manifests/${reference}`, INDEX_TYPES, byDigest);
  if (!INDEX_TYPES.includes(indexDoc.contentType)) {
    throw new Error(`${repository}:${reference} is "${indexDoc.contentType}", not a multi-platform index`);
  }
  const index = parseJson(indexSchema, indexDoc, "index");
  const listed = index.manifests.map((m) => `${m.platform?.os}/${m.platform?.architecture}`);
  const shown = byDigest === undefined ? `${repository}:${reference}` : `${repository}@${reference}`;
  console.error(`index ${shown} (${indexDoc.contentType}) lists: ${listed.join(", ")}`);

  const lines: string[] = [];
  for (const platform of platforms) {
    const [os, architecture] = platform.split("/");
    const entries = index.manifests.filter((m) => m.platform?.os === os && m.platform?.architecture === architecture);
    if (entries.length !== 1) throw new Error(`index lists ${entries.length} manifests for ${platform}, expected 1`);
    const entry = entries[0]!;
    if (!MANIFEST_TYPES.includes(entry.mediaType)) throw new Error(`${platform}: unexpected media type ${entry.mediaType}`);

    const manifest = parseJson(
      manifestSchema,
      await fetchDocument(`${api}/manifests/${entry.digest}`, MANIFEST_TYPES, entry.digest, entry.size),
      `${platform} manifest`,
    );
    const config = parseJson(
      configSchema,
      await fetchDocument(`${api}/blobs/${manifest.config.digest}`, BLOB_ACCEPT, manifest.config.digest, manifest.config.size),
      `${platform} config`,
    );
    if (config.os !== os || config.architecture !== architecture) {
      throw new Error(`${platform}: the image config says ${config.os}/${config.architecture}`);
    }
    const compressed = manifest.config.size + manifest.layers.reduce((sum, layer) => sum + layer.size, 0);
    console.error(
      `  ${platform}: manifest ${entry.digest}, config architecture=${config.architecture} os=${config.os}` +
        ` user=${config.config?.User || "(root)"}, ${manifest.layers.length} layers, ${(compressed / 1e6).toFixed(1)} MB compressed`,
    );
    lines.push(`${architecture} ${entry.digest} ${compressed}`);
  }
  console.log(lines.join("\n"));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`registry-index: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
