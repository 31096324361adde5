import { trustedKeysSql } from "../../access/access-policy";
import { type Viewer } from "../../access/viewer";

/**
 * The SQL of the `verified` filters: a version row (under `alias`) is verified for a viewer when
 * a key of the viewer's trust policy verifies a signature of its digest (the same rule as
 * VerificationService's VERIFIED): Helm provenance by the package digest, cosign by the manifest
 * digest of its OCI reference. A Helm version counts once its provenance file has been read (on
 * the first request of its `verification`).
 */
export function verifiedVersionSql(
  viewer: Viewer,
  alias: string,
): { where: string; params: unknown[] } {
  const keys = trustedKeysSql(viewer, "tk");
  return {
    where: `EXISTS (SELECT 1 FROM signature_check sc JOIN trusted_key tk ON tk.fingerprint = sc.key_fingerprint
      WHERE ${keys.where} AND (
        (sc.method = 'HELM_PROVENANCE' AND ${alias}.oci_reference IS NULL AND sc.digest = 'sha256:' || LOWER(${alias}.digest))
        OR (sc.method = 'COSIGN' AND ${alias}.oci_reference LIKE '%@' || sc.digest)))`,
    params: keys.params,
  };
}

/** `verified: true` keeps the verified rows, `false` the others; null/undefined filters nothing. */
export function verifiedCondition(
  viewer: Viewer,
  alias: string,
  verified: boolean | null | undefined,
): { where: string; params: unknown[] } | null {
  if (verified == null) return null;
  const sql = verifiedVersionSql(viewer, alias);
  return { where: verified ? sql.where : `NOT ${sql.where}`, params: sql.params };
}

/** The chart filter: charts whose latest version is (or is not) verified for the viewer. */
export function verifiedChartCondition(
  viewer: Viewer,
  chartAlias: string,
  verified: boolean | null | undefined,
): { where: string; params: unknown[] } | null {
  if (verified == null) return null;
  const sql = verifiedVersionSql(viewer, "vf");
  const exists = `EXISTS (SELECT 1 FROM chart_version vf WHERE vf.id = ${chartAlias}.latest_version_id AND ${sql.where})`;
  return { where: verified ? exists : `NOT ${exists}`, params: sql.params };
}
