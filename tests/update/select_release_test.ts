import assert from "node:assert/strict";
import type { ReleaseManifest } from "../../src/update/manifest_schema.ts";
import {
  noticeFor,
  type ReleaseSelection,
  selectRelease,
  type SelectReleaseInput,
} from "../../src/update/select_release.ts";

const LINUX = "x86_64-unknown-linux-gnu";
const TAG = "https://github.com/forge-orchestrator/forge/releases/tag";
const SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

function entry(
  version: string,
  targets = [LINUX],
  yanked = false,
): ReleaseManifest["versions"][string] {
  const assets = Object.fromEntries(
    targets.map((t) => [t, { url: `forge-${t}`, size: 10, sha256: SHA }]),
  );
  return { date: "2026-11-20", notes: `${TAG}/v${version}`, yanked, assets };
}

function manifest(
  channels: ReleaseManifest["channels"],
  versions: Record<string, ReleaseManifest["versions"][string]>,
): ReleaseManifest {
  return { manifest_version: 42, expires_at: "2027-01-31T00:00:00Z", channels, versions };
}

/** stable 1.4.0, beta 1.5.0-beta.2, older 1.3.0. */
const MAIN = manifest({ stable: "1.4.0", beta: "1.5.0-beta.2" }, {
  "1.3.0": entry("1.3.0"),
  "1.4.0": entry("1.4.0"),
  "1.5.0-beta.2": entry("1.5.0-beta.2"),
});

function input(overrides: Partial<SelectReleaseInput>): SelectReleaseInput {
  return {
    manifest: MAIN,
    current: "1.4.0",
    channel: "stable",
    allowDowngrade: false,
    target: LINUX,
    ...overrides,
  };
}

function installs(version: string, downgrade = false): ReleaseSelection {
  const asset = { url: `forge-${LINUX}`, size: 10, sha256: SHA };
  return { kind: "install", version, asset, notes: `${TAG}/v${version}`, downgrade };
}

Deno.test("selectRelease() decides per channel, version and flags", async (t) => {
  const cases: [string, Partial<SelectReleaseInput>, ReleaseSelection][] = [
    ["stable on the stable head is up to date (row 10a)", {}, {
      kind: "up-to-date",
      message: "forge is up to date (1.4.0).",
    }],
    ["stable on an older version installs the head", { current: "1.3.0" }, installs("1.4.0")],
    ["beta gets the newer beta (row 10b)", { channel: "beta" }, installs("1.5.0-beta.2")],
    [
      "beta gets stable when stable is newer",
      {
        channel: "beta",
        manifest: manifest({ stable: "1.5.0", beta: "1.5.0-beta.2" }, {
          "1.5.0": entry("1.5.0"),
          "1.5.0-beta.2": entry("1.5.0-beta.2"),
        }),
      },
      installs("1.5.0"),
    ],
    ["a prerelease on stable stays put (row 10c)", { current: "1.5.0-beta.2" }, {
      kind: "up-to-date",
      message:
        "forge 1.5.0-beta.2 is newer than the latest stable (1.4.0); staying on it until stable " +
        "catches up. To switch now: forge update --channel stable --allow-downgrade",
    }],
    [
      "... and switches with --allow-downgrade",
      { current: "1.5.0-beta.2", allowDowngrade: true },
      installs("1.4.0", true),
    ],
    [
      "an older stable head is not installed (row 7)",
      { manifest: manifest({ stable: "1.3.0" }, { "1.3.0": entry("1.3.0") }) },
      {
        kind: "up-to-date",
        message:
          "forge is up to date (1.4.0). The server's stable release is 1.3.0, which is older. To " +
          "install it anyway: forge update --version 1.3.0 --allow-downgrade",
      },
    ],
    ["--version older without --allow-downgrade is a usage error (row 7)", { requested: "1.3.0" }, {
      kind: "refuse",
      reason: "usage",
      message:
        "forge update: forge 1.3.0 is older than the installed 1.4.0. To install it anyway: forge " +
        "update --version 1.3.0 --allow-downgrade",
    }],
    ["--version older with --allow-downgrade installs it (row 7)", {
      requested: "v1.3.0",
      allowDowngrade: true,
    }, installs("1.3.0", true)],
    [
      "--version newer installs it, prerelease or not",
      { requested: "1.5.0-beta.2" },
      installs("1.5.0-beta.2"),
    ],
    ["--version of the current version is up to date", { requested: "1.4.0" }, {
      kind: "up-to-date",
      message: "forge is up to date (1.4.0).",
    }],
    ["--version that is not a version", { requested: "latest" }, {
      kind: "refuse",
      reason: "usage",
      message:
        'forge update: "--version latest" is not a version number (expected MAJOR.MINOR.PATCH, such as 1.4.0).',
    }],
    ["--version not in the manifest", { requested: "2.0.0" }, {
      kind: "refuse",
      reason: "unknown-version",
      message:
        "forge update: forge 2.0.0 is not in the release manifest (available: 1.5.0-beta.2, 1.4.0, " +
        "1.3.0). Nothing was changed.",
    }],
    [
      "no build for this exact target (row 1)",
      {
        current: "1.4.0",
        manifest: manifest({ stable: "1.5.0" }, {
          "1.5.0": entry("1.5.0", ["x86_64-unknown-linux-musl", "aarch64-unknown-linux-gnu"]),
        }),
      },
      {
        kind: "refuse",
        reason: "no-build",
        message:
          "forge update: forge 1.5.0 has no build for x86_64-unknown-linux-gnu (available: " +
          "aarch64-unknown-linux-gnu, x86_64-unknown-linux-musl). Nothing was changed.",
      },
    ],
    ["a development version cannot be compared", { current: "dev" }, {
      kind: "refuse",
      reason: "unknown-version",
      message:
        'forge update: this forge\'s version "dev" is not a release version; install a release from ' +
        "https://github.com/forge-orchestrator/forge/releases",
    }],
  ];
  for (const [name, overrides, expected] of cases) {
    await t.step(name, () => assert.deepEqual(selectRelease(input(overrides)), expected));
  }
});

Deno.test("selectRelease() never offers a withdrawn version", async (t) => {
  const yanked = manifest({ stable: "1.5.0", beta: "1.6.0-beta.1" }, {
    "1.4.2": entry("1.4.2"),
    "1.5.0": entry("1.5.0", [LINUX], true),
    "1.6.0-beta.1": entry("1.6.0-beta.1", [LINUX], true),
    "1.5.1-beta.1": entry("1.5.1-beta.1"),
  });
  await t.step("a yanked stable head falls back to the newest good stable", () => {
    assert.deepEqual(
      selectRelease(input({ manifest: yanked, current: "1.4.0" })),
      installs("1.4.2"),
    );
  });
  await t.step("a yanked beta head falls back to the newest good version below it", () => {
    assert.deepEqual(
      selectRelease(input({ manifest: yanked, current: "1.4.0", channel: "beta" })),
      installs("1.5.1-beta.1"),
    );
  });
  await t.step("--version of a withdrawn version is refused", () => {
    assert.deepEqual(selectRelease(input({ manifest: yanked, requested: "1.5.0" })), {
      kind: "refuse",
      reason: "unknown-version",
      message:
        "forge update: forge 1.5.0 was withdrawn (available: 1.5.1-beta.1, 1.4.2). Nothing was changed.",
    });
  });
  await t.step("on the withdrawn version, --allow-downgrade returns to the good one", () => {
    assert.deepEqual(
      selectRelease(input({ manifest: yanked, current: "1.5.0", allowDowngrade: true })),
      installs("1.4.2", true),
    );
  });
});

Deno.test("noticeFor() announces newer releases and withdrawn ones (row 23, 10d)", async (t) => {
  const yanked = manifest({ stable: "1.4.2" }, {
    "1.4.2": entry("1.4.2"),
    "1.5.0": entry("1.5.0", [LINUX], true),
  });
  const cases: [
    string,
    ReleaseManifest,
    string,
    "stable" | "beta",
    string[],
    string | undefined,
  ][] = [
    [
      "a newer stable",
      MAIN,
      "1.3.0",
      "stable",
      [],
      `A new release of forge is available: 1.3.0 → 1.4.0 (stable). Run 'forge update'. Notes: ${TAG}/v1.4.0`,
    ],
    [
      "a newer beta",
      MAIN,
      "1.4.0",
      "beta",
      [],
      "A new release of forge is available: 1.4.0 → 1.5.0-beta.2 (beta). Run 'forge update'. Notes: " +
      `${TAG}/v1.5.0-beta.2`,
    ],
    ["up to date", MAIN, "1.4.0", "stable", [], undefined],
    ["a prerelease ahead of stable", MAIN, "1.5.0-beta.2", "stable", [], undefined],
    ["a skipped version", MAIN, "1.3.0", "stable", ["1.4.0"], undefined],
    [
      "the current version was withdrawn",
      yanked,
      "1.5.0",
      "stable",
      [],
      "forge 1.5.0 was withdrawn; run 'forge update --allow-downgrade' to return to 1.4.2.",
    ],
    ["a development version", MAIN, "dev", "stable", [], undefined],
  ];
  for (const [name, m, current, channel, skipped, expected] of cases) {
    await t.step(name, () => assert.equal(noticeFor(m, current, channel, skipped), expected));
  }
});
