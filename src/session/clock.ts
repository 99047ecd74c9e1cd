/** The release instant: SOURCE_DATE_EPOCH when set (reproducible builds), else now. */
export function releaseInstant(env: NodeJS.ProcessEnv): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return new Date();
}
