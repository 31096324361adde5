import { progressIntervalMs } from "../../../src/sync/sync-engine";
import {
  countsOf,
  PubSubSyncEventBus,
  type SyncProgressEvent,
} from "../../../src/sync/sync-events";

function event(
  phase: SyncProgressEvent["phase"],
  status: SyncProgressEvent["status"],
  done: number,
): SyncProgressEvent {
  return {
    runId: "run",
    registryId: "registry",
    tenantId: "t",
    status,
    phase,
    done,
    total: 100,
    ratePerSecond: null,
    counts: countsOf({}),
    bytesFetched: done,
    message: null,
    at: new Date().toISOString(),
  };
}

describe("the sync event bus", () => {
  it("keeps only the newest unread progress of a phase for a subscriber that is behind, never a phase change or the end", async () => {
    const bus = new PubSubSyncEventBus();
    const stream = await bus.progress();
    const published = [
      event("FETCHING", "RUNNING", 1),
      event("FETCHING", "RUNNING", 2),
      event("FETCHING", "RUNNING", 3),
      event("PARSING", "RUNNING", 0),
      event("PARSING", "RUNNING", 50),
      event("DONE", "SUCCEEDED", 100),
    ];
    for (const e of published) bus.publishProgress(e);
    const received: [string, number | null][] = [];
    for (let i = 0; i < 3; i++) {
      const { value } = await stream.next();
      received.push([value.phase, value.done]);
    }
    expect(received).toEqual([
      ["FETCHING", 3],
      ["PARSING", 50],
      ["DONE", 100],
    ]);
    await stream.return?.();
  });

  it("delivers every event to a subscriber that keeps up", async () => {
    const bus = new PubSubSyncEventBus();
    const stream = await bus.progress();
    const received: number[] = [];
    for (const done of [1, 2, 3]) {
      const next = stream.next();
      bus.publishProgress(event("FETCHING", "RUNNING", done));
      received.push((await next).value.done);
    }
    expect(received).toEqual([1, 2, 3]);
    await stream.return?.();
  });

  it("counts the progress subscriptions open, so the engine can coalesce more for a large audience", async () => {
    const bus = new PubSubSyncEventBus();
    expect(bus.progressAudience()).toBe(0);
    const streams = await Promise.all([bus.progress(), bus.progress(), bus.progress()]);
    const changes = await bus.catalogChanges();
    expect(bus.progressAudience()).toBe(3);
    await streams[0].return?.();
    await streams[0].return?.(); // closing twice counts once
    expect(bus.progressAudience()).toBe(2);
    await Promise.all(streams.slice(1).map((s) => s.return?.()));
    await changes.return?.();
    expect(bus.progressAudience()).toBe(0);
  });

  it("stretches the progress interval by 1 ms per subscription, between SYNC_PROGRESS_INTERVAL and one second", () => {
    expect(progressIntervalMs(250, 0)).toBe(250);
    expect(progressIntervalMs(250, 100)).toBe(250);
    expect(progressIntervalMs(250, 400)).toBe(400);
    expect(progressIntervalMs(250, 1000)).toBe(1000);
    expect(progressIntervalMs(250, 50_000)).toBe(1000);
    // A configured interval above the cap is kept.
    expect(progressIntervalMs(5000, 1000)).toBe(5000);
  });
});
