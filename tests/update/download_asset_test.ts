import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { join } from "node:path";
import type { BinaryFiles } from "../../src/domain/mod.ts";
import { denoBinaryFiles, denoFs, envFrom } from "../../src/platform/mod.ts";
import { downloadAsset, type DownloadAssetOptions } from "../../src/update/download_asset.ts";
import { tempDir } from "../helpers/temp.ts";
import { chunkedBody, endlessBody, stallingBody, startAssetServer } from "./_asset_server.ts";

const ASSET = new Uint8Array(200 * 1024).map((_, i) => (i * 31 + 7) % 251);
const SHA = createHash("sha256").update(ASSET).digest("hex");
const NAME = "forge-x86_64-unknown-linux-gnu";

function options(url: string, dir: string, extra: Partial<DownloadAssetOptions> = {}) {
  return {
    url,
    size: ASSET.length,
    sha256: SHA,
    version: "1.5.0",
    stagedPath: join(dir, ".forge.1.5.0.ab12.tmp"),
    fetch,
    files: denoBinaryFiles,
    fs: denoFs,
    retryDelayMs: 1,
    ...extra,
  } satisfies DownloadAssetOptions;
}

async function names(dir: string): Promise<string[]> {
  return (await denoFs.readDir(dir)).map((e) => e.name);
}

Deno.test("downloadAsset() streams a matching asset into a new 0o700 file and reports progress", async () => {
  await using dir = await tempDir();
  await using server = startAssetServer({ [`/${NAME}`]: () => new Response(ASSET) });
  const progress: number[] = [];
  const result = await downloadAsset(options(`${server.url}/${NAME}`, dir.path, {
    onProgress: (received, total) => {
      assert.equal(total, ASSET.length);
      progress.push(received);
    },
  }));
  assert.deepEqual(result, { ok: true, bytes: ASSET.length, sha256: SHA });
  const staged = join(dir.path, ".forge.1.5.0.ab12.tmp");
  assert.deepEqual(await Deno.readFile(staged), ASSET);
  assert.equal((await Deno.stat(staged)).mode! & 0o777, 0o700);
  assert.equal(progress.at(-1), ASSET.length);
});

Deno.test("downloadAsset() refuses and deletes a download with one byte flipped", async () => {
  await using dir = await tempDir();
  const tampered = ASSET.slice();
  tampered[1000] = tampered[1000]! ^ 0xff;
  const actual = createHash("sha256").update(tampered).digest("hex");
  await using server = startAssetServer({ [`/${NAME}`]: () => new Response(tampered) });
  const result = await downloadAsset(options(`${server.url}/${NAME}`, dir.path));
  assert.deepEqual(result, {
    ok: false,
    code: "verification",
    message: `forge update: checksum mismatch for ${NAME} (expected ${SHA.slice(0, 8)}…, got ${
      actual.slice(0, 8)
    }…). The download was discarded; nothing was installed.`,
  });
  assert.deepEqual(await names(dir.path), []);
});

Deno.test("downloadAsset() refuses a body that ends short of the declared size", async () => {
  await using dir = await tempDir();
  await using server = startAssetServer({
    [`/${NAME}`]: () => new Response(chunkedBody(ASSET.subarray(0, 5000))),
  });
  const result = await downloadAsset(options(`${server.url}/${NAME}`, dir.path));
  assert.equal(result.ok, false);
  assert.equal(!result.ok && result.code, "verification");
  assert.equal(
    !result.ok && result.message,
    `forge update: size mismatch for ${NAME} (expected 204,800 bytes, got 5,000). ` +
      "The download was discarded; nothing was installed.",
  );
  assert.deepEqual(await names(dir.path), []);
});

Deno.test("downloadAsset() aborts an endless body at size + 1 bytes and removes the file", async () => {
  await using dir = await tempDir();
  await using server = startAssetServer({ [`/${NAME}`]: () => new Response(endlessBody()) });
  let last = 0;
  const result = await downloadAsset(options(`${server.url}/${NAME}`, dir.path, {
    onProgress: (received) => (last = received),
  }));
  assert.deepEqual(result, {
    ok: false,
    code: "too-large",
    message: "forge update: the server sent more data than the manifest declares for forge 1.5.0 " +
      "(limit 204,800 bytes). Download aborted; nothing was installed.",
  });
  assert.ok(last <= ASSET.length, "never kept more than the declared size");
  assert.deepEqual(await names(dir.path), []);
});

Deno.test("downloadAsset() refuses a Content-Length above the declared size before reading", async () => {
  await using dir = await tempDir();
  const big = new Uint8Array(ASSET.length + 1);
  await using server = startAssetServer({ [`/${NAME}`]: () => new Response(big) });
  const result = await downloadAsset(options(`${server.url}/${NAME}`, dir.path));
  assert.equal(!result.ok && result.code, "too-large");
  assert.deepEqual(await names(dir.path), [], "no staged file was even created");
});

Deno.test("downloadAsset() gives up on a stalled body after the stall timeout", async () => {
  await using dir = await tempDir();
  await using server = startAssetServer({
    [`/${NAME}`]: () => new Response(stallingBody(ASSET.subarray(0, 3 * 1024))),
  });
  const url = `${server.url}/${NAME}`;
  const result = await downloadAsset(options(url, dir.path, { stallTimeoutMs: 300 }));
  assert.deepEqual(result, {
    ok: false,
    code: "stalled",
    message: `forge update: download stalled for 0.3 s at 3.0 KiB of 200.0 KiB (${url}). ` +
      "Check your connection and retry; nothing was installed.",
  });
  assert.deepEqual(await names(dir.path), []);
});

Deno.test("downloadAsset() retries 503 answers before the body starts, then succeeds", async () => {
  await using dir = await tempDir();
  await using server = startAssetServer({
    [`/${NAME}`]: (_, count) =>
      count <= 2 ? new Response("busy", { status: 503 }) : new Response(ASSET),
  });
  const result = await downloadAsset(options(`${server.url}/${NAME}`, dir.path));
  assert.equal(result.ok, true);
  assert.equal(server.requests.length, 3);
});

Deno.test("downloadAsset() stops after the bounded retries and says so", async () => {
  await using dir = await tempDir();
  await using server = startAssetServer({
    [`/${NAME}`]: () => new Response("busy", { status: 503, statusText: "Service Unavailable" }),
  });
  const url = `${server.url}/${NAME}`;
  const result = await downloadAsset(options(url, dir.path, { retries: 1 }));
  assert.deepEqual(result, {
    ok: false,
    code: "network",
    message: `forge update: could not download ${url} (HTTP 503 Service Unavailable after 2 ` +
      "attempts). The server may be busy; retry later. Nothing was installed.",
  });
  assert.equal(server.requests.length, 2);
  assert.deepEqual(await names(dir.path), []);
});

Deno.test("downloadAsset() does not retry a 404", async () => {
  await using dir = await tempDir();
  await using server = startAssetServer({});
  const result = await downloadAsset(options(`${server.url}/${NAME}`, dir.path));
  assert.equal(!result.ok && result.code, "network");
  assert.match(
    !result.ok ? result.message : "",
    /\(HTTP 404 Not Found\)\. Nothing was installed\.$/,
  );
  assert.equal(server.requests.length, 1);
});

Deno.test("downloadAsset() names the host and the proxy when it cannot connect", async () => {
  await using dir = await tempDir();
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = listener.addr.port;
  listener.close();
  const env = envFrom({ HTTP_PROXY: "http://user:secret@proxy.corp:3128" });
  const result = await downloadAsset(
    options(`http://127.0.0.1:${port}/${NAME}`, dir.path, { retries: 0, env }),
  );
  assert.deepEqual(result, {
    ok: false,
    code: "network",
    message: `forge update: could not reach http://127.0.0.1:${port} (connection refused via ` +
      "proxy http://proxy.corp:3128). Check your network or HTTPS_PROXY; behind a " +
      "TLS-inspecting proxy set DENO_TLS_CA_STORE=system. Offline: forge update --from-file " +
      "<binary> --manifest <manifest.json>",
  });
  assert.deepEqual(await names(dir.path), []);
});

Deno.test("downloadAsset() counts a server that never answers as a connect timeout", async () => {
  await using dir = await tempDir();
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const held: Deno.Conn[] = [];
  const accepting = (async () => {
    for await (const conn of listener) held.push(conn);
  })();
  try {
    const result = await downloadAsset(options(
      `http://127.0.0.1:${listener.addr.port}/${NAME}`,
      dir.path,
      { retries: 1, connectTimeoutMs: 200 },
    ));
    assert.equal(!result.ok && result.code, "network");
    assert.match(!result.ok ? result.message : "", /\(no response within 0.2 s\)/);
    assert.equal(held.length, 2, "one retry after the first timeout");
  } finally {
    listener.close();
    await accepting.catch(() => {});
    for (const conn of held) conn.close();
  }
});

Deno.test("downloadAsset() follows a cross-origin redirect without sending credentials", async () => {
  await using dir = await tempDir();
  await using cdn = startAssetServer({ [`/${NAME}`]: () => new Response(ASSET) });
  await using origin = startAssetServer({
    [`/${NAME}`]: () => Response.redirect(`${cdn.url}/${NAME}`, 302),
  });
  const result = await downloadAsset(options(`${origin.url}/${NAME}`, dir.path));
  assert.equal(result.ok, true);
  assert.deepEqual(cdn.requests, [{ path: `/${NAME}`, authorization: null }]);
});

Deno.test("downloadAsset() reports a full disk with the directory and removes the partial file", async () => {
  await using dir = await tempDir();
  await using server = startAssetServer({ [`/${NAME}`]: () => new Response(ASSET) });
  const full: BinaryFiles = {
    ...denoBinaryFiles,
    async createNew(path, mode) {
      const real = await denoBinaryFiles.createNew(path, mode);
      return {
        ...real,
        write: () =>
          Promise.reject(
            Object.assign(new Error("No space left on device (os error 28): write"), {
              code: "ENOSPC",
            }),
          ),
      };
    },
  };
  const result = await downloadAsset(options(`${server.url}/${NAME}`, dir.path, { files: full }));
  assert.deepEqual(result, {
    ok: false,
    code: "io",
    message: `forge update: could not write to ${dir.path} (ENOSPC: no space left on device). ` +
      "Nothing was installed; temporary files were removed.",
  });
  assert.deepEqual(await names(dir.path), []);
});

Deno.test("downloadAsset() never removes a file it did not create", async () => {
  await using dir = await tempDir();
  await using server = startAssetServer({ [`/${NAME}`]: () => new Response(ASSET) });
  const staged = join(dir.path, ".forge.1.5.0.ab12.tmp");
  await Deno.writeTextFile(staged, "someone else's");
  const result = await downloadAsset(options(`${server.url}/${NAME}`, dir.path));
  assert.equal(!result.ok && result.code, "io");
  assert.match(!result.ok ? result.message : "", /EEXIST: file exists/);
  assert.equal(await Deno.readTextFile(staged), "someone else's");
});
