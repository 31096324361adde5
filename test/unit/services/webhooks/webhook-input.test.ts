import { type GraphQLError } from "graphql";
import {
  webhookEvents,
  webhookFilter,
  webhookSecret,
  webhookUrl,
} from "../../../../src/services/webhooks/webhook-input";

function refusedField(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    const e = error as GraphQLError;
    expect(e.extensions?.code).toBe("BAD_USER_INPUT");
    return e.extensions?.field as string;
  }
  return undefined;
}

describe("webhook input rules", () => {
  it("accepts absolute http(s) URLs and drops the fragment", () => {
    expect(webhookUrl(" https://hooks.example.com/a?b=1#frag ")).toBe(
      "https://hooks.example.com/a?b=1",
    );
  });

  it.each(["hooks.example.com/a", "ftp://example.com/", "https://u:p@example.com/", ""])(
    "refuses %p on url, without repeating it",
    (url) => {
      expect(refusedField(() => webhookUrl(url))).toBe("url");
      try {
        webhookUrl(url);
      } catch (error) {
        if (url.includes("u:p")) expect((error as Error).message).not.toContain("u:p");
      }
    },
  );

  it("needs an event and a secret of 16 characters or more", () => {
    expect(refusedField(() => webhookEvents([]))).toBe("events");
    expect(webhookEvents(["SYNC_FAILED", "VERSION_PUBLISHED", "SYNC_FAILED"])).toEqual([
      "SYNC_FAILED",
      "VERSION_PUBLISHED",
    ]);
    expect(refusedField(() => webhookSecret("x".repeat(15)))).toBe("secret");
    expect(webhookSecret("x".repeat(16))).toHaveLength(16);
  });

  it("trims the filter and refuses a range longer than Helm allows", () => {
    expect(webhookFilter({ registryId: null, chart: "  ", range: " ^1.2 " })).toEqual({
      registryId: null,
      chart: null,
      range: "^1.2",
    });
    expect(refusedField(() => webhookFilter({ registryId: null, range: "1".repeat(300) }))).toBe(
      "filter.range",
    );
  });
});
