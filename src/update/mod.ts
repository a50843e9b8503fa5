/**
 * Self-update: the signed release manifest (Ed25519 over the exact bytes, root keys built in,
 * release keys delegated through `keys.json`), release choice by channel and exact target,
 * verified streaming download, self-test, atomic swap with the previous binary kept, journal
 * repair at startup, rollback, and the once-a-day update notice. See adr/0013-binary-updates.md.
 */
export {
  DEFAULT_MANIFEST_URL,
  ISSUES_URL,
  PROJECT_REPO,
  RELEASES_URL,
  SELF_UPDATE_DISABLED,
} from "./release_source.ts";
export { ROOT_KEYS, type TrustedKey } from "./trusted_keys.ts";
export {
  type KeySet,
  manifestJsonSchemas,
  parseReleaseDocument,
  type ReleaseManifest,
  type SignatureFile,
  TARGETS,
} from "./manifest_schema.ts";
export { generateKeyPair, keyIdOf, signFile, verifySignature } from "./ed25519.ts";
export { verifyRelease } from "./verify_manifest.ts";
export { type Channel, noticeFor, selectRelease } from "./select_release.ts";
export type {
  UpdateCheckpoint,
  UpdateFailure,
  UpdateOutcome,
  UpdateRuntime,
} from "./update_runtime.ts";
export { runUpdate, type UpdateRequest } from "./run_update.ts";
export { updateStatePath } from "./_find_release.ts";
export { runRollback } from "./run_rollback.ts";
export { repairUpdate } from "./update_journal.ts";
export { cleanStaleFiles } from "./swap_binary.ts";
export { readUpdateState, type UpdateState, writeUpdateState } from "./update_state.ts";
export { checkDue, noticeLine, noticesWanted } from "./update_notice.ts";
export { semver } from "./_semver.ts";
