import * as aws from "@pulumi/aws";
import * as dockerbuild from "@pulumi/docker-build";
import * as pulumi from "@pulumi/pulumi";
import * as path from "node:path";
import type { Arch } from "./config";

export interface AppImageArgs {
  platforms: `linux/${Arch}`[];
  /** Tag of the multi-arch index; per-platform images get `<tag>-<arch>`. */
  tag: string;
  /** The build context (app/), holding the Dockerfile. */
  contextDir: string;
  buildArgs: Record<string, string>;
}

/** ECR lifecycle rule: untagged images (superseded builds) expire after a day. */
export const EXPIRE_UNTAGGED_POLICY = {
  rules: [
    {
      rulePriority: 1,
      description: "Expire untagged images (superseded builds) after one day",
      selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 1 },
      action: { type: "expire" },
    },
  ],
};

/**
 * The app image: one docker-build Image per platform, each with its own registry cache (a
 * multi-platform build caches only one platform), joined by one Index into the multi-arch tag.
 * Workloads use the index by digest, so every pool runs the very same build.
 */
export class AppImage extends pulumi.ComponentResource {
  readonly repository: aws.ecr.Repository;
  /** The multi-arch index, `repo:tag@sha256:…`. */
  readonly ref: pulumi.Output<string>;
  /** Per-platform image digests, keyed by arch. */
  readonly digests: pulumi.Output<Partial<Record<Arch, string>>>;

  constructor(name: string, args: AppImageArgs, opts?: pulumi.ComponentResourceOptions) {
    super("archbench:image:AppImage", name, {}, opts);
    const parent = { parent: this };

    this.repository = new aws.ecr.Repository(name, {
      imageScanningConfiguration: { scanOnPush: true },
      imageTagMutability: "MUTABLE", // the stack's tags move with each build; workloads pin digests
      encryptionConfigurations: [{ encryptionType: "AES256" }],
      forceDelete: true, // teardown must not fail on the images inside
    }, parent);
    new aws.ecr.LifecyclePolicy(name, {
      repository: this.repository.name,
      policy: JSON.stringify(EXPIRE_UNTAGGED_POLICY),
    }, parent);

    const url = this.repository.repositoryUrl;
    const token = aws.ecr.getAuthorizationTokenOutput({ registryId: this.repository.registryId }, parent);
    const registry = { address: url, username: token.userName, password: pulumi.secret(token.password) };

    const images = args.platforms.map((platform) => {
      const arch = platform.split("/")[1] as Arch;
      const cacheRef = pulumi.interpolate`${url}:cache-${arch}`;
      const image = new dockerbuild.Image(`${name}-${arch}`, {
        context: { location: args.contextDir },
        dockerfile: { location: path.join(args.contextDir, "Dockerfile") },
        platforms: [platform],
        buildArgs: args.buildArgs,
        push: true,
        tags: [pulumi.interpolate`${url}:${args.tag}-${arch}`],
        registries: [registry],
        cacheFrom: [{ registry: { ref: cacheRef } }],
        cacheTo: [{ registry: { ref: cacheRef, imageManifest: true, ociMediaTypes: true, mode: dockerbuild.CacheMode.Max } }],
      }, parent);
      return { arch, image };
    });

    const index = new dockerbuild.Index(name, {
      tag: pulumi.interpolate`${url}:${args.tag}`,
      sources: images.map(({ image }) => image.ref),
      push: true,
      registry,
    }, parent);

    this.ref = index.ref;
    this.digests = pulumi
      .all(images.map(({ arch, image }) => image.digest.apply((digest) => [arch, digest] as const)))
      .apply((pairs) => Object.fromEntries(pairs));
    this.registerOutputs({ ref: this.ref, digests: this.digests });
  }
}
