/**
 * Unwritable install directories for updater tests (rows 18, 20), also when the tests run as
 * root, whom file modes do not stop.
 */
import { join } from "node:path";

/**
 * Whether this user can make a directory unwritable for itself (root needs `chattr +i`).
 *
 * @returns true when makeUnwritable() works here
 */
export async function canMakeUnwritable(): Promise<boolean> {
  const dir = await Deno.makeTempDir({ prefix: "forge_ro_probe_" });
  try {
    const restore = await makeUnwritable(dir);
    await restore();
    return true;
  } catch {
    return false;
  } finally {
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
}

/**
 * Makes a directory unwritable: chmod 555, or for root (whom modes do not stop) the immutable
 * attribute.
 *
 * @param dir the directory
 * @returns a function that makes it writable again (call it in `finally`)
 * @throws {Error} when the directory can still be written
 */
export async function makeUnwritable(dir: string): Promise<() => Promise<void>> {
  const root = Deno.uid() === 0;
  const restore = async () => {
    if (root) await new Deno.Command("chattr", { args: ["-i", dir] }).output().catch(() => {});
    else await Deno.chmod(dir, 0o755);
  };
  if (root) {
    const out = await new Deno.Command("chattr", { args: ["+i", dir], stderr: "null" }).output();
    if (!out.success) throw new Error("chattr +i failed");
  } else {
    await Deno.chmod(dir, 0o555);
  }
  const probe = join(dir, ".probe");
  const writable = await Deno.writeTextFile(probe, "").then(() => true, () => false);
  if (writable) {
    await Deno.remove(probe).catch(() => {});
    await restore();
    throw new Error(`${dir} is still writable`);
  }
  return restore;
}
