// The REPORT line Lambda writes after each invocation, parsed into its fields.
const FIELDS = [
  ['Duration', 'duration'], ['Billed Duration', 'billedDuration'], ['Memory Size', 'memorySize'],
  ['Max Memory Used', 'maxMemoryUsed'], ['Init Duration', 'initDuration'],
];

export function parseReport(line) {
  const m = /REPORT RequestId: (\S+)/.exec(line);
  if (!m) return null;
  const report = { requestId: m[1] };
  for (const [label, key] of FIELDS) {
    const f = new RegExp(`(?:\\t|\\s)${label}: ([\\d.]+) (ms|MB)`).exec(line);
    if (f) report[key] = { value: Number(f[1]), unit: f[2] };
  }
  const status = /Status: (\S+)/.exec(line);
  if (status) report.status = status[1];
  return report;
}

export const reportLine = (text) => text.split('\n').find((l) => l.startsWith('REPORT RequestId:'));
