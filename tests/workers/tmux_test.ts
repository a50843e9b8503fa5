import assert from "node:assert/strict";
import { Tmux } from "../../src/workers/mod.ts";
import { tmuxSandbox } from "./_tmux_sandbox.ts";

Deno.test("Tmux reports no sessions and no server without failing", async () => {
  await using sandbox = await tmuxSandbox();
  const tmux = new Tmux(sandbox.processes);
  assert.equal(await tmux.available(), true);
  assert.deepEqual(await tmux.listSessions(), []);
  assert.equal(await tmux.hasSession("nothing"), false);
  assert.equal(await tmux.killSession("nothing"), false);
  assert.equal(await tmux.panePid("nothing"), undefined);
});

Deno.test("Tmux finds, describes and kills a real session by its exact name", async () => {
  await using sandbox = await tmuxSandbox();
  const tmux = new Tmux(sandbox.processes);
  const name = sandbox.uniqueName("forge-tmux-test");
  const started = await sandbox.tmux(["new-session", "-d", "-s", name, "sleep 300"]);
  assert.equal(started.code, 0, started.stderr);
  assert.equal(await tmux.hasSession(name), true);
  assert.equal(await tmux.hasSession(name.slice(0, -1)), false, "a prefix is not a match");
  assert.deepEqual(await tmux.listSessions(), [name]);
  const pid = await tmux.panePid(name);
  assert.ok(pid !== undefined && pid > 0);
  assert.equal(await sandbox.processes.isAlive(pid), true);
  assert.equal(await tmux.killSession(name), true);
  assert.equal(await tmux.hasSession(name), false);
  assert.equal(await tmux.killSession(name), false);
});

Deno.test("Tmux does not take a session for another whose name it prefixes", async () => {
  await using sandbox = await tmuxSandbox();
  const tmux = new Tmux(sandbox.processes);
  const long = sandbox.uniqueName("sim-alpha-long");
  assert.equal((await sandbox.tmux(["new-session", "-d", "-s", long, "sleep 300"])).code, 0);
  assert.equal(await tmux.hasSession("sim-alpha"), false);
  assert.equal(await tmux.killSession("sim-alpha"), false);
  assert.equal(await tmux.hasSession(long), true, "the longer session survives");
});
