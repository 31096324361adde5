import { backoffMs } from "../../../../src/services/webhooks/webhook-dispatcher";

describe("webhook retries", () => {
  it("wait the base, then twice as long after each failure, at most an hour", () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(1000, n))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffMs(30_000, 20)).toBe(3_600_000);
  });
});
