/**
 * The version of this FORGE build. Release tooling checks that a tag matches it.
 */

/** Semantic version of this build. */
export const VERSION = "0.1.0";

/** Release channel this build came from. */
export const CHANNEL = "stable";
