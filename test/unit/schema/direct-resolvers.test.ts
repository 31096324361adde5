import "reflect-metadata";
import { buildSchema as buildGraphQLSchema } from "graphql";
import { PubSubSyncEventBus } from "../../../src/sync/sync-events";
import { ChartsArgs, PageArgs } from "../../../src/resolvers/args";
import { chartDirectFields } from "../../../src/resolvers/chart.resolver";
import { buildGatewaySchema } from "../../../src/schema/build-schema";
import { installDirectResolvers } from "../../../src/schema/direct-resolvers";

describe("direct resolvers (fields called without type-graphql's wrapper)", () => {
  const sdl = buildGraphQLSchema(
    `type Query { charts(first: Int, search: String): Int, plain: Int }`,
  );
  const resolve = () => 1;

  it("refuses arguments that carry validation constraints, which only type-graphql runs", () => {
    // ChartsArgs limits `search` with @MaxLength.
    expect(() =>
      installDirectResolvers(sdl, [{ type: "Query", field: "charts", args: ChartsArgs, resolve }]),
    ).toThrow(/validation constraints/);
  });

  it("refuses a field with arguments and no arguments class, and an unknown field", () => {
    expect(() =>
      installDirectResolvers(sdl, [{ type: "Query", field: "charts", resolve }]),
    ).toThrow(/takes arguments/);
    expect(() => installDirectResolvers(sdl, [{ type: "Query", field: "nope", resolve }])).toThrow(
      /no field Query.nope/,
    );
  });

  it("installs a resolver whose arguments need no validation", () => {
    installDirectResolvers(sdl, [{ type: "Query", field: "charts", args: PageArgs, resolve }]);
    expect(sdl.getQueryType()!.getFields()["charts"]!.resolve).toBe(resolve);
  });

  it("resolves Chart.versions and Chart.latestVersion directly in the gateway's schema", async () => {
    const schema = await buildGatewaySchema(new PubSubSyncEventBus().pubSub);
    const fields = schema.getType("Chart") as unknown as {
      getFields(): Record<string, { resolve?: unknown }>;
    };
    const direct = chartDirectFields();
    for (const { field } of direct) {
      const installed = fields.getFields()[field]!.resolve as (...args: unknown[]) => unknown;
      // The direct functions are arrow functions of chartDirectFields, not type-graphql's wrapper.
      expect(installed.toString()).toContain("resolver.");
    }
  });
});
