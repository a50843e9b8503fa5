import assert from "node:assert/strict";
import { join } from "node:path";
import { keyIdOf } from "../../src/update/ed25519.ts";
import { tempDir } from "../helpers/temp.ts";
import { assertKeyNotPrinted, run } from "./_release_fixture.ts";

Deno.test("release_keys.ts writes the private key to a new mode-600 file and prints only the public entry", async () => {
  await using dir = await tempDir();
  const file = join(dir.path, "release.pk8");
  const result = await run("release_keys.ts", ["generate", "--out", file, "--comment", "ci"]);
  assert.equal(result.code, 0, result.stderr);
  const privateKey = (await Deno.readTextFile(file)).trim();
  assertKeyNotPrinted(result, privateKey);
  assert.equal((await Deno.stat(file)).mode! & 0o777, 0o600);
  const entry = JSON.parse(result.stdout);
  assert.equal(entry.key_id, keyIdOf(entry.public_key));
  assert.equal(entry.comment, "ci");
  const shown = await run("release_keys.ts", ["public-key", "--key", file]);
  assert.deepEqual(JSON.parse(shown.stdout), {
    key_id: entry.key_id,
    public_key: entry.public_key,
  });
  const again = await run("release_keys.ts", ["generate", "--out", file]);
  assert.equal(again.code, 2);
  assert.equal((await Deno.readTextFile(file)).trim(), privateKey);
});
