/**
 * A throw-away certificate authority and a certificate for 127.0.0.1 signed by it, made with the
 * `openssl` command, so updater tests can serve https on loopback and point DENO_CERT at the CA.
 */
import { join } from "node:path";

/** PEM texts, and the CA's file for DENO_CERT. */
export interface TestCertificate {
  readonly caFile: string;
  readonly cert: string;
  readonly key: string;
}

/**
 * Whether the `openssl` command is there.
 *
 * @returns true when it runs
 */
export async function hasOpenssl(): Promise<boolean> {
  try {
    const out = await new Deno.Command("openssl", {
      args: ["version"],
      stdout: "null",
      stderr: "null",
    }).output();
    return out.success;
  } catch {
    return false;
  }
}

/**
 * Makes a CA and a server certificate for IP 127.0.0.1 in `dir`.
 *
 * @param dir where the files go
 * @returns the certificate, its key and the CA file
 * @throws {Error} when openssl fails
 */
export async function makeTestCertificate(dir: string): Promise<TestCertificate> {
  const at = (name: string) => join(dir, name);
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  await openssl([
    "req",
    "-x509",
    ...ec,
    "-keyout",
    at("ca.key"),
    "-out",
    at("ca.pem"),
    "-days",
    "2",
    "-subj",
    "/CN=forge test CA",
  ]);
  await openssl([
    "req",
    ...ec,
    "-keyout",
    at("server.key"),
    "-out",
    at("server.csr"),
    "-subj",
    "/CN=127.0.0.1",
  ]);
  await Deno.writeTextFile(
    at("server.ext"),
    "basicConstraints=CA:FALSE\nsubjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n",
  );
  await openssl([
    "x509",
    "-req",
    "-in",
    at("server.csr"),
    "-CA",
    at("ca.pem"),
    "-CAkey",
    at("ca.key"),
    "-CAcreateserial",
    "-out",
    at("server.pem"),
    "-days",
    "2",
    "-extfile",
    at("server.ext"),
  ]);
  return {
    caFile: at("ca.pem"),
    cert: await Deno.readTextFile(at("server.pem")),
    key: await Deno.readTextFile(at("server.key")),
  };
}

async function openssl(args: readonly string[]): Promise<void> {
  const out = await new Deno.Command("openssl", {
    args: [...args],
    stdout: "null",
    stderr: "piped",
  })
    .output();
  if (!out.success) {
    throw new Error(`openssl ${args[0]} failed: ${new TextDecoder().decode(out.stderr)}`);
  }
}
