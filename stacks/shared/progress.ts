/** Progress lines on stderr (stdout stays free for output a user may pipe), each with the elapsed time. */
export interface Progress {
  step(message: string): void;
  warn(message: string): void;
}

export function stderrProgress(stream: NodeJS.WritableStream = process.stderr, now: () => number = Date.now): Progress {
  const start = now();
  const stamp = (): string => `[${((now() - start) / 1000).toFixed(1).padStart(5)}s]`;
  return {
    step: (message) => void stream.write(`${stamp()} ${message}\n`),
    warn: (message) => void stream.write(`${stamp()} warning: ${message}\n`),
  };
}

/** For tests and library callers that want silence. */
export const silentProgress: Progress = { step: () => undefined, warn: () => undefined };
