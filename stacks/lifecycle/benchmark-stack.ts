/** The slice of the Automation API a benchmark run uses; ./automation.ts implements it, tests fake it. */
export interface PulumiOperation {
  /** Pulumi's progress, streamed as it comes. */
  onOutput: (chunk: string) => void;
  /** Aborting sends the pulumi process SIGINT: it cancels gracefully. */
  signal: AbortSignal;
}

export interface BenchmarkStack {
  readonly name: string;
  /** True when Pulumi.<stack>.yaml existed before the run: it is then restored, not deleted, at the end. */
  readonly hadStackFile: boolean;
  /** The stack file's config as it was before the run (empty without a file). */
  readonly stackFileConfig: Record<string, string>;
  setConfig(values: Record<string, string>): Promise<void>;
  /** pulumi up; resolves once every resource is ready, which includes the benchmark Jobs completing. */
  up(operation: PulumiOperation): Promise<void>;
  /** Output values, secrets unwrapped: never log them. */
  outputs(): Promise<Record<string, unknown>>;
  destroy(operation: PulumiOperation): Promise<void>;
  /** pulumi stack rm; restores the stack file when there was one. */
  remove(): Promise<void>;
}

export type OpenStack = (name: string) => Promise<BenchmarkStack>;
