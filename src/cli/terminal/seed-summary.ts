/** The summary printed after demo data was written (by src/cli/seed.ts and src/cli/setup.ts). */
import type { SeedDemoSummary } from '../../../db/seed/demo';

/** Several lines: counts per table, the seed and reference day, and the time taken. */
export function formatSummary(s: SeedDemoSummary): string {
  const n = (v: number) => v.toLocaleString('en-US');
  return [
    `Demo data written to ${s.driver} in ${(s.ms / 1000).toFixed(1)} s (seed ${s.seed}, as of ${s.today}):`,
    `  institutions        ${n(s.institutions)}`,
    `  licences            ${n(s.licences)}`,
    `  promises            ${n(s.promises)}`,
    `  fund supervision    ${n(s.fundSupervision)}`,
    `  inspections         ${n(s.inspections)} (${n(s.inspectionDraws)} double-random draws)`,
    `  list decisions      ${n(s.listDecisions)}`,
    `  risk warnings       ${n(s.riskWarnings)} (${n(s.warningInstitutions)} links to institutions)`,
    `  model contracts     ${n(s.modelContracts)}`,
    `  staff accounts      ${n(s.staffAccounts)} (demo accounts; password in the README, "Staff area")`,
  ].join('\n');
}
