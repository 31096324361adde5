import { ByteBoundedCache } from "../../../src/services/byte-bounded-cache";

describe("ByteBoundedCache", () => {
  it("drops the least recently used entries once the bytes pass the bound", () => {
    const cache = new ByteBoundedCache<string>(10);
    cache.set("a", "A", 4);
    cache.set("b", "B", 4);
    expect(cache.peek("a")).toBe("A"); // a is now the most recently used
    cache.set("c", "C", 4); // 12 bytes: b, the oldest, goes
    expect(cache.peek("b")).toBeUndefined();
    expect([cache.peek("a"), cache.peek("c")]).toEqual(["A", "C"]);
  });

  it("keeps nothing larger than the bound, and counts a replaced entry once", () => {
    const cache = new ByteBoundedCache<string>(10);
    cache.set("big", "X", 11);
    expect(cache.peek("big")).toBeUndefined();
    cache.set("a", "A1", 6);
    cache.set("a", "A2", 6); // replaces: 6 bytes, not 12
    cache.set("b", "B", 4);
    expect([cache.peek("a"), cache.peek("b")]).toEqual(["A2", "B"]);
  });
});
