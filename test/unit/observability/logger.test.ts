import { Writable } from "node:stream";
import { createLogger, MAX_LOG_LINE_BYTES } from "../../../src/observability/logger";

/** A logger writing into memory, and the lines it wrote. */
function memoryLogger() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      done();
    },
  });
  return { logger: createLogger("info", sink), lines };
}

describe("the logger's line cap", () => {
  it("cuts an error quoting a 50,001-character SQL parameter twice, keeping the fields", () => {
    const { logger, lines } = memoryLogger();
    const parameter = "%a".repeat(25_001);
    const error = Object.assign(new Error(`LIKE or GLOB pattern too complex: ${parameter}`), {
      query: `SELECT * FROM registry WHERE name LIKE ?`,
      parameters: [parameter, parameter],
    });
    logger.error({ err: error, requestId: "r-1" }, "unexpected error in a GraphQL operation");
    expect(lines).toHaveLength(1);
    expect(Buffer.byteLength(lines[0]!)).toBeLessThanOrEqual(MAX_LOG_LINE_BYTES);
    const record = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(record["msg"]).toBe("unexpected error in a GraphQL operation");
    expect(record["requestId"]).toBe("r-1");
    expect(JSON.stringify(record["err"])).toMatch(/more characters/);
  });

  it("keeps level, time and message of a line made of many short fields", () => {
    const { logger, lines } = memoryLogger();
    const many = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`field${i}`, "x"]));
    logger.warn(many, "many fields");
    expect(Buffer.byteLength(lines[0]!)).toBeLessThanOrEqual(MAX_LOG_LINE_BYTES);
    const record = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(record).toMatchObject({ level: 40, msg: "many fields" });
    expect(record["logLineCut"]).toMatch(/dropped/);
  });

  it("leaves ordinary lines as they are", () => {
    const { logger, lines } = memoryLogger();
    logger.info({ registryId: "abc" }, "registry added");
    expect(JSON.parse(lines[0]!)).toMatchObject({ registryId: "abc", msg: "registry added" });
  });
});
