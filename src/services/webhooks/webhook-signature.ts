import { createHmac, timingSafeEqual } from "node:crypto";

/** The headers of a delivery (README "Webhooks"); names as sent, lower case on the wire. */
export const WEBHOOK_HEADERS = {
  SIGNATURE: "X-Gateway-Signature-256",
  DELIVERY: "X-Gateway-Delivery",
  EVENT: "X-Gateway-Event",
} as const;

/** `sha256=<hex>` of the HMAC-SHA256 of `body` keyed by `secret`, as GitHub's webhooks sign. */
export function signatureOf(secret: string, body: string | Buffer): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/** What a receiver does: recompute the signature and compare in constant time. */
export function verifySignature(secret: string, body: string | Buffer, header: string): boolean {
  const expected = Buffer.from(signatureOf(secret, body));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
