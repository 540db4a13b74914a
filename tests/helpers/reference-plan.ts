import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The finance bureau's 2023 工作要点 (a copy of shared/seed/000_8d4889caea5ea779.txt kept in the repo
 * so a clean clone tests without the shared folder), the plan every test of the domain is pinned to.
 */
export const REFERENCE_PLAN_PATH = fileURLToPath(
  new URL('../fixtures/plans/reference-2023.txt', import.meta.url),
);

export function readReferencePlan(): string {
  return readFileSync(REFERENCE_PLAN_PATH, 'utf8');
}
