/**
 * Where FORGE's releases live: the repository, its release pages and the default manifest URL.
 * Packagers and forks change these constants (and the trusted keys) in one place.
 */

/** The GitHub repository releases are published from. */
export const PROJECT_REPO = "forge-orchestrator/forge";

/** Human-facing release pages. */
export const RELEASES_URL = `https://github.com/${PROJECT_REPO}/releases`;

/** Where users report problems. */
export const ISSUES_URL = `https://github.com/${PROJECT_REPO}/issues`;

/** The signed manifest of the latest release (its `.sig` and `keys.json` sit beside it). */
export const DEFAULT_MANIFEST_URL = `${RELEASES_URL}/latest/download/manifest.json`;

/**
 * Packagers (Homebrew, Nix, distributions) set this to true in their build so `forge update`
 * refuses and points at the package manager; release builds leave it false.
 */
export const SELF_UPDATE_DISABLED = false;
