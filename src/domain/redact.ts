/**
 * The one redaction function that guards every output FORGE writes: terminal, logs, SQLite, HTTP.
 * It removes values FORGE resolved as secrets and anything shaped like a credential.
 */

/** Whole-match credential shapes. */
const SECRET_SHAPES: readonly RegExp[] = [
  /\b(?:sk|rk|pk)-[A-Za-z0-9_-]{12,}/g,
  /\b(?:ghp|gho|ghu|ghs|ghr|github_pat)_[A-Za-z0-9_]{16,}/g,
  /\bxox[abpr]-[A-Za-z0-9-]{10,}/g,
  /\bAKIA[0-9A-Z]{16}\b/g,
  /\bAIza[0-9A-Za-z_-]{30,}/g,
];

/** Shapes whose first group (the label) is kept: `Bearer …`, `API_KEY=…`. */
const LABELLED_SHAPES: readonly RegExp[] = [
  /(\bBearer\s+)[A-Za-z0-9._~+/-]{8,}=*/gi,
  // A `${env:…}` / `${keychain:…}` reference names a secret without holding it: keep it.
  /(\b[A-Za-z_]*(?:API_KEY|APIKEY|TOKEN|SECRET|PASSWORD)["']?\s*[=:]\s*["']?)(?!\$\{)(?=[^\s"',}]*[A-Za-z])[^\s"',}]{4,}/gi,
];

const MASK = "[redacted]";

/** Removes secrets from text; remembers values FORGE itself resolved. */
export class Redactor {
  #known = new Set<string>();

  /** Remembers a secret value (values shorter than 4 characters are ignored as too common). */
  add(secret: string): void {
    if (secret.length >= 4) this.#known.add(secret);
  }

  /**
   * Returns the text with every known secret and credential-shaped string masked.
   *
   * @param text any output
   * @returns the safe text
   */
  redact(text: string): string {
    let out = text;
    // Longest first, so a secret that starts with a shorter one is masked whole.
    for (const secret of [...this.#known].sort((a, b) => b.length - a.length)) {
      if (out.includes(secret)) out = out.split(secret).join(MASK);
    }
    for (const shape of SECRET_SHAPES) out = out.replace(shape, MASK);
    for (const shape of LABELLED_SHAPES) out = out.replace(shape, `$1${MASK}`);
    return out;
  }
}

/** The process-wide redactor used by every output of FORGE. */
export const redactor: Redactor = new Redactor();

/**
 * Redacts with the process-wide redactor.
 *
 * @param text any output
 * @returns the safe text
 */
export function redact(text: string): string {
  return redactor.redact(text);
}
