import { numbered } from "../../../src/store/sql";

describe("numbered placeholders (PostgreSQL)", () => {
  it("numbers each ? in order, the same way when the text comes again", () => {
    const text = "SELECT a FROM t WHERE b = ? AND c IN (?, ?) LIMIT ?";
    expect(numbered(text)).toBe("SELECT a FROM t WHERE b = $1 AND c IN ($2, $3) LIMIT $4");
    expect(numbered(`${text}`)).toBe("SELECT a FROM t WHERE b = $1 AND c IN ($2, $3) LIMIT $4");
    expect(numbered("SELECT 1")).toBe("SELECT 1");
  });

  it("numbers long texts and many distinct texts too", () => {
    const long = `INSERT INTO t (a) VALUES ${new Array(5000).fill("(?)").join(", ")}`;
    const result = numbered(long);
    expect(result.endsWith("($5000)")).toBe(true);
    for (let i = 0; i < 1200; i++) expect(numbered(`SELECT ? AS x${i}`)).toBe(`SELECT $1 AS x${i}`);
    expect(numbered(long)).toBe(result);
  });
});
