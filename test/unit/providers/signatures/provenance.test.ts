import { readFileSync } from "node:fs";
import {
  ProvenanceError,
  provenanceProblem,
  readProvenance,
  verifyProvenance,
} from "../../../../src/providers/signatures/provenance";
import { openpgp } from "../../../../src/providers/signatures/openpgp";
import { fixturePath } from "../../../helpers/fixtures";
import { generatePgpKey, helmProvenance, type PgpKey, sha256Hex } from "../../../helpers/signing";

const tgz = readFileSync(fixturePath("charts-diff", "argo-cd-7.4.0.tgz"));
const expected = {
  digest: `sha256:${sha256Hex(tgz)}`,
  chart: "argo-cd",
  version: "7.4.0",
  fileName: "argo-cd-7.4.0.tgz",
};
let signer: PgpKey;
let other: PgpKey;
let prov: string;

beforeAll(async () => {
  [signer, other] = await Promise.all([generatePgpKey("Signer"), generatePgpKey("Other")]);
  prov = await helmProvenance(tgz, "argo-cd-7.4.0.tgz", signer);
});

describe("Helm provenance files", () => {
  it("reads what a provenance file signs and who signed it", async () => {
    const read = await readProvenance(prov);
    expect(read).toEqual({
      chart: "argo-cd",
      version: "7.4.0",
      files: { "argo-cd-7.4.0.tgz": expected.digest },
      keyIds: [expect.stringMatching(/^[0-9a-f]{16}$/)],
    });
    const key = await openpgp.readKey({ armoredKey: signer.publicArmored });
    expect(key.getKeyIDs().map((id) => id.toHex())).toContain(read.keyIds[0]);
    expect(provenanceProblem(read, expected)).toBeNull();
  });

  it("names what does not match: another digest, chart, version or file", async () => {
    const read = await readProvenance(prov);
    expect(provenanceProblem(read, { ...expected, digest: `sha256:${"0".repeat(64)}` })).toMatch(
      /changed after it was signed/,
    );
    expect(provenanceProblem(read, { ...expected, chart: "argo" })).toMatch(/chart "argo-cd"/);
    expect(provenanceProblem(read, { ...expected, version: "7.4.1" })).toMatch(/version 7.4.0/);
    // The file name is matched when present; a single entry serves any name.
    expect(provenanceProblem(read, { ...expected, fileName: "renamed.tgz" })).toBeNull();
  });

  it("verifies with the signer's key only, and not once the signed text is changed", async () => {
    expect(await verifyProvenance(prov, signer.publicArmored)).toEqual({ signer: signer.userId });
    expect(await verifyProvenance(prov, other.publicArmored)).toBeNull();
    const edited = prov.replace("name: argo-cd", "name: argo-cx");
    expect(edited).not.toBe(prov);
    expect(await verifyProvenance(edited, signer.publicArmored)).toBeNull();
  });

  it("refuses what is not a Helm provenance file", async () => {
    await expect(readProvenance("not signed")).rejects.toBeInstanceOf(ProvenanceError);
    const message = await openpgp.createCleartextMessage({ text: "just some text\n" });
    const signed = await openpgp.sign({ message, signingKeys: signer.privateKey });
    await expect(readProvenance(signed)).rejects.toThrow(/body is not Helm's/);
  });
});
