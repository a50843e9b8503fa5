/**
 * Temporary directories for tests, removed afterwards with `await using`.
 */

/** A temporary directory that removes itself when disposed. */
export interface TempDir extends AsyncDisposable {
  readonly path: string;
}

/**
 * Creates a temporary directory.
 *
 * @param prefix name prefix
 * @returns the directory; `await using dir = await tempDir()` removes it at the end of the scope
 */
export async function tempDir(prefix = "forge_test_"): Promise<TempDir> {
  const path = await Deno.makeTempDir({ prefix });
  return {
    path,
    async [Symbol.asyncDispose]() {
      await Deno.remove(path, { recursive: true }).catch(() => {});
    },
  };
}
