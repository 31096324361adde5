import { parse } from "graphql";
import { graphqlSpanName, operationOf } from "../../../src/serving/telemetry";

describe("GraphQL operation spans (OpenTelemetry GraphQL conventions)", () => {
  it("names a span by operation type and name", () => {
    const document = parse("query A { __typename } mutation B { __typename }");
    expect(graphqlSpanName(operationOf(document, "A"))).toBe("query A");
    expect(graphqlSpanName(operationOf(document, "B"))).toBe("mutation B");
  });
  it("uses the type alone for an anonymous operation", () => {
    expect(graphqlSpanName(operationOf(parse("{ __typename }"), undefined))).toBe("query");
    expect(
      graphqlSpanName(operationOf(parse("subscription { syncProgress { runId } }"), null)),
    ).toBe("subscription");
  });
  it("says GraphQL Operation when no operation can be chosen", () => {
    const two = parse("query A { __typename } query B { __typename }");
    expect(operationOf(two, undefined).type).toBe("unknown");
    expect(graphqlSpanName(operationOf(two, undefined))).toBe("GraphQL Operation");
    expect(graphqlSpanName(operationOf(null, "Whatever"))).toBe("GraphQL Operation");
  });
});
