import { Client } from "pg";
import { PLANNER_RANDOM_PAGE_COST, withPlannerSettings } from "../../../src/store/data-source";

/**
 * The gateway's PostgreSQL sessions price random reads for SSD-class storage (see
 * withPlannerSettings); what the operator's URL says is kept.
 */
describe("withPlannerSettings", () => {
  it("adds random_page_cost to a URL without options", () => {
    const url = new URL(withPlannerSettings("postgres://app:s%40cret@db.example:5432/catalog"));
    expect(url.searchParams.get("options")).toBe(`-c random_page_cost=${PLANNER_RANDOM_PAGE_COST}`);
    expect(url.username).toBe("app");
    expect(url.password).toBe("s%40cret");
    expect(url.host).toBe("db.example:5432");
    expect(url.pathname).toBe("/catalog");
  });

  it("keeps the options a URL has, and adds to them", () => {
    const url = new URL(
      withPlannerSettings(
        "postgres://postgres@127.0.0.1/test?options=-c%20search_path%3Dtenant_a&sslmode=disable",
      ),
    );
    expect(url.searchParams.get("options")).toBe(
      `-c search_path=tenant_a -c random_page_cost=${PLANNER_RANDOM_PAGE_COST}`,
    );
    expect(url.searchParams.get("sslmode")).toBe("disable");
  });

  it("leaves a URL that sets random_page_cost itself as it is", () => {
    const given = "postgres://postgres@127.0.0.1/test?options=-c%20random_page_cost%3D2";
    expect(withPlannerSettings(given)).toBe(given);
  });

  const databaseUrl = process.env["TEST_DATABASE_URL"];
  (databaseUrl ? it : it.skip)(
    "PostgreSQL: a session opened with the URL has the setting",
    async () => {
      const client = new Client({ connectionString: withPlannerSettings(databaseUrl!) });
      await client.connect();
      try {
        const { rows } = await client.query<{ random_page_cost: string }>("SHOW random_page_cost");
        expect(rows[0]!.random_page_cost).toBe(PLANNER_RANDOM_PAGE_COST);
      } finally {
        await client.end();
      }
    },
  );
});
