/**
 * What Ctrl-C / SIGTERM mean during a benchmark run: the first signal cancels the current step and the run
 * goes on to tear down; a second signal aborts the teardown (the driver then says what may be left).
 *
 * A Ctrl-C typed in a terminal reaches the whole foreground process group, so the running `pulumi`
 * already got it and cancels gracefully by itself; sending it another SIGINT would make it stop at once
 * and leave pending operations. Only signals the child did not get (SIGTERM, or SIGINT without a
 * terminal, e.g. `kill -INT`) are forwarded to it, through the step's AbortSignal.
 */
export class Interrupts {
  private readonly stepAbort = new AbortController();
  private readonly teardownAbort = new AbortController();
  private count = 0;
  private tearingDown = false;
  private notify: ((signal: NodeJS.Signals) => void) | undefined;
  /** Resolves with the first signal: steps that are not a pulumi operation race against it. */
  readonly interrupted: Promise<NodeJS.Signals>;
  first: NodeJS.Signals | undefined;

  constructor(
    private readonly say: (line: string) => void,
    private readonly childSharesTerminal: boolean,
  ) {
    this.interrupted = new Promise((resolve) => (this.notify = resolve));
  }

  /** For the running pulumi operation (up, collect). */
  get stepSignal(): AbortSignal {
    return this.stepAbort.signal;
  }

  /** For destroy: aborted only by a second signal. */
  get teardownSignal(): AbortSignal {
    return this.teardownAbort.signal;
  }

  /** A second signal came: the teardown is (being) aborted, or must not start. */
  get teardownAborted(): boolean {
    return this.count >= 2;
  }

  startTeardown(): void {
    this.tearingDown = true;
  }

  handle(signal: NodeJS.Signals): void {
    this.count++;
    const forward = !(signal === "SIGINT" && this.childSharesTerminal);
    if (this.count === 1) {
      this.first = signal;
      this.notify?.(signal);
      if (this.tearingDown) {
        this.say(`${signal}: teardown in progress; send it again to abort the teardown (resources may be left)`);
        return;
      }
      this.say(`${signal}: cancelling the current step, then tearing down; send it again to abort the teardown`);
      if (forward) this.stepAbort.abort(signal);
      return;
    }
    if (this.count === 2) this.say(`${signal} again: aborting the teardown`);
    if (forward) this.teardownAbort.abort(signal);
  }
}
