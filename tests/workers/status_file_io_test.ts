import assert from "node:assert/strict";
import { join } from "node:path";
import { ForgeError } from "../../src/domain/mod.ts";
import { denoFs } from "../../src/platform/mod.ts";
import { MAX_STATUS_BYTES, readStatusFile, updateStatusFile } from "../../src/workers/mod.ts";
import { tempDir } from "../helpers/temp.ts";

const T = Date.UTC(2026, 1, 17, 0, 45, 22);

Deno.test("readStatusFile() reads a file from disk", async () => {
  await using dir = await tempDir();
  const path = join(dir.path, "sim-alpha.json");
  await Deno.writeTextFile(path, '{"worker_id":"sim-alpha","status":"idle","model":"sim"}');
  const read = await readStatusFile(denoFs, path, "sim-alpha");
  assert.equal(read.kind, "ok");
  assert.equal(read.status.model, "sim");
});

Deno.test("readStatusFile() refuses a file over 1 MiB without reading it", async (t) => {
  await using dir = await tempDir();
  const path = join(dir.path, "sim-alpha.json");
  const head = '{"worker_id":"sim-alpha","status":"idle","pad":"';
  const fill = (size: number) => `${head}${"x".repeat(size - head.length - 2)}"}`;
  await t.step("exactly 1 MiB is still read", async () => {
    await Deno.writeTextFile(path, fill(MAX_STATUS_BYTES));
    assert.equal((await Deno.stat(path)).size, MAX_STATUS_BYTES);
    assert.equal((await readStatusFile(denoFs, path, "sim-alpha")).kind, "ok");
  });
  await t.step("one byte more is refused", async () => {
    await Deno.writeTextFile(path, fill(MAX_STATUS_BYTES + 1));
    const read = await readStatusFile(denoFs, path, "sim-alpha");
    assert.equal(read.kind, "error");
    assert.equal(read.status.state, "error");
    assert.equal(
      read.kind === "error" ? read.reason : "",
      "status file is 1048577 bytes, over the 1048576-byte limit",
    );
  });
  await t.step("a giant file of many megabytes", async () => {
    await Deno.writeTextFile(path, fill(8 * MAX_STATUS_BYTES));
    const read = await readStatusFile(denoFs, path, "sim-alpha");
    assert.equal(
      read.kind === "error" ? read.reason : "",
      "status file is 8388608 bytes, over the 1048576-byte limit",
    );
  });
});

Deno.test("readStatusFile() reports a missing or unreadable file as an error worker", async (t) => {
  await using dir = await tempDir();
  await t.step("missing", async () => {
    const read = await readStatusFile(denoFs, join(dir.path, "nope.json"), "nope");
    assert.equal(read.kind === "error" ? read.reason : "", "status file does not exist");
    assert.equal(read.status.workerId, "nope");
  });
  await t.step("a directory", async () => {
    const path = join(dir.path, "odd.json");
    await Deno.mkdir(path);
    const read = await readStatusFile(denoFs, path, "odd");
    assert.equal(read.kind, "error");
    assert.match(read.kind === "error" ? read.reason : "", /^cannot read status file: /);
  });
});

Deno.test("updateStatusFile() patches, keeps unknown keys and refreshes last_activity", async () => {
  await using dir = await tempDir();
  const path = join(dir.path, "sim-alpha.json");
  await Deno.writeTextFile(
    path,
    JSON.stringify({
      worker_id: "sim-alpha",
      status: "paused",
      model: "sim",
      paused_at: "2026-02-17T00:00:00Z",
      pause_reason: "lunch",
      last_activity: "2026-02-17T00:00:00Z",
      metadata: { type: "sim_worker" },
      custom: [1, { deep: true }],
    }),
  );
  await updateStatusFile(denoFs, path, {
    patch: { status: "idle", paused_at: null, pause_reason: null, tasks_completed: 4 },
    now: T,
  });
  const text = await Deno.readTextFile(path);
  assert.ok(text.endsWith("}\n"), "ends with a newline");
  assert.ok(text.includes('\n  "status": "idle"'), "pretty-printed");
  assert.deepEqual(JSON.parse(text), {
    worker_id: "sim-alpha",
    status: "idle",
    model: "sim",
    last_activity: "2026-02-17T00:45:22.000Z",
    metadata: { type: "sim_worker" },
    custom: [1, { deep: true }],
    tasks_completed: 4,
  });
  const names = [];
  for await (const e of Deno.readDir(dir.path)) names.push(e.name);
  // The lock file stays (launchers flock the same file); no temporary file may.
  assert.deepEqual(
    names.sort(),
    [".sim-alpha.lock", "sim-alpha.json"],
    "no temporary file left behind",
  );
});

Deno.test("updateStatusFile() never writes null into model, workspace or tasks_completed", async () => {
  await using dir = await tempDir();
  const path = join(dir.path, "sim-alpha.json");
  await Deno.writeTextFile(
    path,
    '{"worker_id":"sim-alpha","status":"idle","model":null,"workspace":null,"tasks_completed":null}',
  );
  await updateStatusFile(denoFs, path, { patch: { status: "paused" }, now: T });
  const written = JSON.parse(await Deno.readTextFile(path));
  assert.deepEqual(written, {
    worker_id: "sim-alpha",
    status: "paused",
    last_activity: "2026-02-17T00:45:22.000Z",
  });
});

Deno.test("updateStatusFile() refuses to overwrite a file it cannot read, and leaves it alone", async (t) => {
  await using dir = await tempDir();
  for (
    const [name, text] of [["invalid JSON", '{"status": "idl'], ["an array", "[]"], [
      "null",
      "null",
    ]]
  ) {
    await t.step(name as string, async () => {
      const path = join(dir.path, "sim-alpha.json");
      await Deno.writeTextFile(path, text as string);
      await assert.rejects(
        () => updateStatusFile(denoFs, path, { patch: { status: "paused" }, now: T }),
        (error: unknown) => {
          assert.ok(error instanceof ForgeError);
          assert.equal(error.code, "IO");
          assert.equal(
            error.message,
            `Cannot update status file "${path}": it is not a JSON object`,
          );
          return true;
        },
      );
      assert.equal(await Deno.readTextFile(path), text);
    });
  }
});
