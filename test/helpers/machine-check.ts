/**
 * A fixed piece of CPU work, timed just before a measurement: on a shared virtual machine the same
 * work can take twice as long from one minute to the next, and benchmarks print it beside each
 * figure to show when it did.
 */
export function machineCheck(): number {
  const started = performance.now();
  let sum = 0;
  for (let i = 0; i < 200_000_000; i++) sum += i % 7;
  if (sum < 0) console.log(sum);
  return (performance.now() - started) / 1000;
}
