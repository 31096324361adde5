import { parse as parseYaml } from "yaml";
import { openpgp } from "./openpgp";

/**
 * Helm provenance files (Helm's `pkg/provenance`, "Helm Provenance and Integrity"): an OpenPGP
 * clear-signed document beside the package (`<package URL>.prov`) whose body is the chart's
 * Chart.yaml (YAML), a line `...`, then `files:` mapping the package's file name to
 * `sha256:<hex>` of the package. A provenance file signs exactly one package digest.
 */

/** Largest provenance file read (they are a few KiB). */
export const MAX_PROVENANCE_BYTES = 256 * 1024;

/** What a provenance file states, and who says it signed it. */
export interface Provenance {
  /** Chart.yaml's `name` and `version` as signed. */
  chart: string | null;
  version: string | null;
  /** File name → `sha256:<hex>`. */
  files: Record<string, string>;
  /** Key ids (lower-case hex) of the signatures' issuers. */
  keyIds: string[];
}

/** The provenance file is malformed: not clear-signed, or its body is not Helm's. */
export class ProvenanceError extends Error {}

/** Reads a provenance file; throws ProvenanceError when it is not one. */
export async function readProvenance(text: string): Promise<Provenance> {
  let message;
  try {
    message = await openpgp.readCleartextMessage({ cleartextMessage: text });
  } catch (error) {
    throw new ProvenanceError(
      `The provenance file is not an OpenPGP clear-signed document: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const body = message.getText().replace(/\r\n/g, "\n");
  const parts = body.split("\n...\n");
  if (parts.length !== 2) {
    throw new ProvenanceError(
      "The provenance file's body is not Helm's (Chart.yaml, a line `...`, then `files:`).",
    );
  }
  let chartYaml: unknown;
  let sums: unknown;
  try {
    chartYaml = parseYaml(parts[0]);
    sums = parseYaml(parts[1]);
  } catch {
    throw new ProvenanceError("The provenance file's body is not YAML.");
  }
  const files = (sums as { files?: unknown } | null)?.files;
  if (!files || typeof files !== "object" || Array.isArray(files)) {
    throw new ProvenanceError("The provenance file lists no `files`.");
  }
  const chart = chartYaml as { name?: unknown; version?: unknown } | null;
  return {
    chart: typeof chart?.name === "string" ? chart.name : null,
    version: chart?.version == null ? null : String(chart.version),
    files: Object.fromEntries(
      Object.entries(files as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
    ),
    keyIds: message.getSigningKeyIDs().map((id) => id.toHex().toLowerCase()),
  };
}

/**
 * Why a provenance file does not sign this package (another digest, chart or version), or null
 * when it names exactly `digest` (`sha256:<hex>`) for `fileName` (or for its only file).
 */
export function provenanceProblem(
  provenance: Provenance,
  expected: { digest: string; chart: string; version: string; fileName: string | null },
): string | null {
  if (provenance.chart !== null && provenance.chart !== expected.chart) {
    return `The provenance file is for chart "${provenance.chart}", not "${expected.chart}".`;
  }
  if (provenance.version !== null && provenance.version !== expected.version) {
    return `The provenance file is for version ${provenance.version}, not ${expected.version}.`;
  }
  const entries = Object.entries(provenance.files);
  const entry =
    (expected.fileName !== null
      ? entries.find(([name]) => name === expected.fileName)
      : undefined) ?? (entries.length === 1 ? entries[0] : undefined);
  if (!entry) {
    return `The provenance file names no package ${expected.fileName ?? ""}`.trim() + ".";
  }
  if (entry[1].toLowerCase() !== expected.digest.toLowerCase()) {
    return `The package's digest (${expected.digest}) is not the one the provenance file signs (${entry[1]}): the package was changed after it was signed.`;
  }
  return null;
}

/**
 * The signer (the key's primary user id, or null when it has none) when a signature of the
 * provenance file verifies with the armored public key; null when none does.
 */
export async function verifyProvenance(
  text: string,
  armoredPublicKey: string,
): Promise<{ signer: string | null } | null> {
  try {
    const [message, key] = await Promise.all([
      openpgp.readCleartextMessage({ cleartextMessage: text }),
      openpgp.readKey({ armoredKey: armoredPublicKey }),
    ]);
    const result = await openpgp.verify({ message, verificationKeys: key });
    for (const signature of result.signatures) {
      try {
        await signature.verified;
        return { signer: key.getUserIDs()[0] ?? null };
      } catch {
        // Try the next signature.
      }
    }
    return null;
  } catch {
    return null;
  }
}
