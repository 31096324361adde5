import { describeStatement, tracingWanted } from "../../../src/observability/tracing";
import { GatewayMetrics } from "../../../src/observability/metrics";

describe("tracingWanted (the standard OTEL_* variables)", () => {
  it("is off by default", () => {
    expect(tracingWanted({})).toBe(false);
  });
  it("is on with an OTLP endpoint or an otlp or console exporter", () => {
    expect(tracingWanted({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" })).toBe(true);
    expect(tracingWanted({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://c:4318/v1/traces" })).toBe(
      true,
    );
    expect(tracingWanted({ OTEL_TRACES_EXPORTER: "otlp" })).toBe(true);
    expect(tracingWanted({ OTEL_TRACES_EXPORTER: "console" })).toBe(true);
  });
  it("stays off when the SDK is disabled or the exporter is none", () => {
    expect(
      tracingWanted({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://c:4318", OTEL_SDK_DISABLED: "true" }),
    ).toBe(false);
    expect(
      tracingWanted({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://c:4318", OTEL_TRACES_EXPORTER: "none" }),
    ).toBe(false);
  });
});

describe("GatewayMetrics.route (bounded HTTP route label)", () => {
  it("maps known paths to their route and everything else to other", () => {
    expect(GatewayMetrics.route("/")).toBe("/");
    expect(GatewayMetrics.route("/graphql")).toBe("/graphql");
    expect(GatewayMetrics.route("/assets/index-abc.js")).toBe("/assets");
    expect(GatewayMetrics.route("/metrics")).toBe("/metrics");
    expect(GatewayMetrics.route("/graphqlx")).toBe("other");
    expect(GatewayMetrics.route("/wp-admin/../etc/passwd")).toBe("other");
  });
});

describe("describeStatement (database span names)", () => {
  it("takes the operation and the first table named", () => {
    expect(describeStatement('SELECT "r"."id" FROM "registry" "r" WHERE 1')).toEqual({
      operation: "SELECT",
      collection: "registry",
    });
    expect(describeStatement("  insert into sync_run (id) values (?)")).toEqual({
      operation: "INSERT",
      collection: "sync_run",
    });
    expect(describeStatement("UPDATE `chart` SET x = 1")).toEqual({
      operation: "UPDATE",
      collection: "chart",
    });
    expect(describeStatement("BEGIN TRANSACTION")).toEqual({
      operation: "BEGIN",
      collection: null,
    });
  });
});
