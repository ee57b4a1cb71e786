/**
 * Whether the AWS session outlives the run. A run whose credentials expire mid-way cannot tear down what it
 * created, so a known-short session is a preflight problem. The expiry comes from AWS_CREDENTIAL_EXPIRATION
 * (the name the AWS SDKs and CLI read; benchmark.yml sets it from configure-aws-credentials' aws-expiration
 * output) or `aws configure export-credentials`; long-term keys have none.
 */

export interface SessionVerdict {
  problem?: string;
  fact: string;
}

const minutes = (seconds: number) => `${Math.ceil(seconds / 60)} min`;
const FIX = 'raise the role\'s MaxSessionDuration and the session length you ask for (role-duration-seconds in CI; see README, "AWS role for the GitHub workflows")';

/** Pure: the verdict on a session that expires at `expiration` (ISO 8601, or undefined when not known). */
export function sessionVerdict(expiration: string | undefined, now: Date, neededSeconds: number, source: string): SessionVerdict {
  if (expiration === undefined || expiration.trim() === "") {
    return {
      fact: `AWS session expiry: unknown (long-term keys, or ${source} does not say); this run needs about ${minutes(neededSeconds)}: make sure the credentials last that long, or teardown may fail`,
    };
  }
  const ends = Date.parse(expiration);
  if (Number.isNaN(ends)) {
    return { fact: `AWS session expiry: "${expiration}" (from ${source}) is not a date, so it cannot be checked; this run needs about ${minutes(neededSeconds)}` };
  }
  const left = (ends - now.getTime()) / 1000;
  if (left < neededSeconds) {
    return {
      fact: `AWS session expires ${expiration}`,
      problem: `the AWS session ends in ${Math.max(0, Math.floor(left / 60))} min (${expiration}, from ${source}) but this run needs about ${minutes(neededSeconds)} (create, benchmark, teardown): credentials expiring mid-run leave resources behind; ${FIX}`,
    };
  }
  return { fact: `AWS session expires ${expiration}: ${Math.floor(left / 60)} min left, the run needs about ${minutes(neededSeconds)}` };
}
