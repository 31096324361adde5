import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

/** Certificates made for one test run; nothing is committed. */
export interface TestPki {
  /** The CA that signed the server certificate. */
  caCert: string;
  /** A CA that did not sign anything the server uses. */
  otherCaCert: string;
  /** Server key and certificate for 127.0.0.1 and localhost. */
  serverKey: string;
  serverCert: string;
  /** A certificate for `serverKey`, 127.0.0.1 and localhost, signed by the other CA. */
  otherCaServerCert: string;
  /** A certificate for `serverKey` signed by the CA, valid only on 1 January 2020: expired. */
  expiredServerCert: string;
  /** A self-signed server certificate (no CA). */
  selfSignedKey: string;
  selfSignedCert: string;
}

function openssl(dir: string, args: string[]): void {
  execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
}

/**
 * An EC P-256 key and a self-signed certificate for it (`<name>.key`, `<name>.crt` in `dir`),
 * valid two days, with the given `-addext` extensions.
 */
export function makeSelfSignedEc(
  dir: string,
  name: string,
  options: { subject?: string; extensions?: string[] } = {},
): { keyPath: string; certPath: string } {
  openssl(dir, [
    "req",
    "-x509",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:prime256v1",
    "-nodes",
    "-keyout",
    `${name}.key`,
    "-out",
    `${name}.crt`,
    "-days",
    "2",
    "-subj",
    `/CN=${options.subject ?? name}`,
    ...(options.extensions ?? []).flatMap((extension) => ["-addext", extension]),
  ]);
  return { keyPath: path.join(dir, `${name}.key`), certPath: path.join(dir, `${name}.crt`) };
}

function makeCa(dir: string, name: string): void {
  makeSelfSignedEc(dir, name, {
    extensions: ["basicConstraints=critical,CA:TRUE", "keyUsage=critical,keyCertSign,cRLSign"],
  });
}

/** Signs `server.csr` with `ca`, for `server.ext`, valid from `start` to `end` (`YYYYMMDDHHMMSSZ`). */
function signWithDates(dir: string, ca: string, out: string, start: string, end: string): void {
  writeFileSync(
    path.join(dir, "ca.cnf"),
    [
      "[ca]",
      "default_ca = test",
      "[test]",
      "database = index.txt",
      "new_certs_dir = .",
      "serial = ca.serial",
      "default_md = sha256",
      "policy = any",
      "[any]",
      "commonName = supplied",
    ].join("\n"),
  );
  writeFileSync(path.join(dir, "index.txt"), "");
  writeFileSync(path.join(dir, "ca.serial"), "01\n");
  // `openssl x509 -req` of OpenSSL 3.0 cannot set a start date; `openssl ca` can.
  openssl(dir, [
    "ca",
    "-batch",
    "-notext",
    "-config",
    "ca.cnf",
    "-cert",
    `${ca}.crt`,
    "-keyfile",
    `${ca}.key`,
    "-in",
    "server.csr",
    "-out",
    out,
    "-startdate",
    start,
    "-enddate",
    end,
    "-extfile",
    "server.ext",
  ]);
}

/**
 * Generates a CA, a server certificate it signs (and an expired one), another CA (and a server
 * certificate it signs) and a self-signed certificate.
 */
export function createTestPki(): TestPki {
  const dir = mkdtempSync(path.join(tmpdir(), "gateway-pki-"));
  try {
    makeCa(dir, "test-ca");
    makeCa(dir, "other-ca");
    writeFileSync(
      path.join(dir, "server.ext"),
      [
        "subjectAltName=IP:127.0.0.1,DNS:localhost",
        "basicConstraints=CA:FALSE",
        "keyUsage=critical,digitalSignature",
        "extendedKeyUsage=serverAuth",
      ].join("\n"),
    );
    openssl(dir, [
      "req",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-keyout",
      "server.key",
      "-out",
      "server.csr",
      "-subj",
      "/CN=localhost",
    ]);
    openssl(dir, [
      "x509",
      "-req",
      "-in",
      "server.csr",
      "-CA",
      "test-ca.crt",
      "-CAkey",
      "test-ca.key",
      "-CAcreateserial",
      "-out",
      "server.crt",
      "-days",
      "2",
      "-extfile",
      "server.ext",
    ]);
    openssl(dir, [
      "x509",
      "-req",
      "-in",
      "server.csr",
      "-CA",
      "other-ca.crt",
      "-CAkey",
      "other-ca.key",
      "-CAcreateserial",
      "-out",
      "other-ca-server.crt",
      "-days",
      "2",
      "-extfile",
      "server.ext",
    ]);
    signWithDates(dir, "test-ca", "expired-server.crt", "20200101000000Z", "20200102000000Z");
    openssl(dir, [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-keyout",
      "self.key",
      "-out",
      "self.crt",
      "-days",
      "2",
      "-subj",
      "/CN=localhost",
      "-addext",
      "subjectAltName=IP:127.0.0.1,DNS:localhost",
    ]);
    const read = (file: string) => readFileSync(path.join(dir, file), "utf8");
    return {
      caCert: read("test-ca.crt"),
      otherCaCert: read("other-ca.crt"),
      serverKey: read("server.key"),
      serverCert: read("server.crt"),
      otherCaServerCert: read("other-ca-server.crt"),
      expiredServerCert: read("expired-server.crt"),
      selfSignedKey: read("self.key"),
      selfSignedCert: read("self.crt"),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
