/**
 * Argon2id parameters for the passphrase key. They are stored in the key file so they can be
 * raised later; a policy gives the floor (weaker is refused) and the ceiling (a tampered key file
 * must not make the app hang or exhaust memory).
 */
export interface Argon2Params {
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}

export interface KdfPolicy {
  readonly defaults: Argon2Params;
  readonly floor: Argon2Params;
  readonly ceiling: Argon2Params;
}

export const PRODUCTION_KDF_FLOOR: Argon2Params = { memoryKiB: 64 * 1024, iterations: 3, parallelism: 1 };
export const KDF_CEILING: Argon2Params = { memoryKiB: 1024 * 1024, iterations: 20, parallelism: 8 };
export const PRODUCTION_KDF_DEFAULTS: Argon2Params = { memoryKiB: 64 * 1024, iterations: 3, parallelism: 4 };

export function withinPolicy(params: Argon2Params, policy: KdfPolicy): boolean {
  const keys = ['memoryKiB', 'iterations', 'parallelism'] as const;
  return keys.every(
    (k) => Number.isSafeInteger(params[k]) && params[k] >= policy.floor[k] && params[k] <= policy.ceiling[k],
  );
}

/**
 * The only policy the app itself uses. It refuses anything below the production floor; tests that
 * need cheaper derivation build their own policy in test/support, never through this function.
 */
export function productionKdfPolicy(defaults: Argon2Params = PRODUCTION_KDF_DEFAULTS): KdfPolicy {
  const policy: KdfPolicy = { defaults, floor: PRODUCTION_KDF_FLOOR, ceiling: KDF_CEILING };
  if (!withinPolicy(defaults, policy)) {
    throw new RangeError('Key derivation parameters are below the minimum the app allows.');
  }
  return policy;
}
