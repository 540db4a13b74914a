import { fileURLToPath } from 'node:url';

/** The repository's real config/ and the broken copies under tests/fixtures/config-broken/. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const REAL_CONFIG_DIR = fileURLToPath(new URL('../../config/', import.meta.url));
export const BAD_VALUES_DIR = fileURLToPath(
  new URL('../fixtures/config-broken/bad-values/', import.meta.url),
);
export const BAD_YAML_DIR = fileURLToPath(new URL('../fixtures/config-broken/bad-yaml/', import.meta.url));
