import { createHmac } from "node:crypto";
import { signatureOf, verifySignature } from "../../../../src/services/webhooks/webhook-signature";

describe("webhook signatures", () => {
  it("is GitHub's format: sha256= and the hex HMAC-SHA256 of the body", () => {
    const body = '{"event":"SYNC_FAILED"}';
    const expected = createHmac("sha256", "k".repeat(16)).update(body).digest("hex");
    expect(signatureOf("k".repeat(16), body)).toBe(`sha256=${expected}`);
    expect(verifySignature("k".repeat(16), body, `sha256=${expected}`)).toBe(true);
    expect(verifySignature("k".repeat(16), `${body} `, `sha256=${expected}`)).toBe(false);
    expect(verifySignature("k".repeat(16), body, "sha256=00")).toBe(false);
  });
});
