/**
 * Child process of the subscribers scenario: opens graphql-ws connections to the gateway and
 * subscribes them to `syncProgress(runId)` when the orchestrator says so (IPC), recording what
 * each subscription receives. `node child-subscribers.js`; on "stop" it prints
 * `{"rounds": [...], "peakRssMb": …}` and exits.
 */
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { median, peakRssMb, percentile, runChild, writeResult } from "./bench-support";
import {
  type SubscriberCommand,
  type SubscriberReply,
  type SubscriberRoundStats,
} from "./subscribers-protocol";

export const SYNC_PROGRESS_SUBSCRIPTION = `subscription ($runId: ID!) {
  syncProgress(runId: $runId) {
    runId registryId status phase done total bytesFetched message at
    counts { chartsSeen versionsSeen versionsAdded versionsUpdated versionsRemoved versionsUnchanged versionsSkipped }
  }
}`;

const TERMINAL = new Set(["SUCCEEDED", "FAILED", "CANCELLED", "INTERRUPTED"]);
/** Connections opened at once (Node admits new connections slowly under load). */
const CONNECT_BATCH = 50;
const READY_TIMEOUT_MS = 15_000;
const COLLECT_TIMEOUT_MS = 60_000;

interface ProgressEvent {
  status: string;
  phase: string;
  at: string;
}

/** What one subscription received. */
interface Subscription {
  /** Which of the gateway URLs (instances) its connection went to. */
  instance: number;
  /** [receive time (Date.now()), `at` (ms since epoch)] per event. */
  times: number[];
  /** The phase of each event, in the order of `times`. */
  eventPhases: string[];
  phases: Set<string>;
  events: number;
  terminal: boolean;
  completed: boolean;
  error?: string;
  firstEvent: Promise<void>;
  onFirstEvent: () => void;
  ended: Promise<void>;
  onEnd: () => void;
  unsubscribe?: () => void;
}

function reply(message: SubscriberReply): void {
  process.send?.(message);
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (Array.isArray(error)) return JSON.stringify(error).slice(0, 300);
  const close = error as { code?: number; reason?: string } | undefined;
  if (close && typeof close.code === "number") return `closed ${close.code} ${close.reason ?? ""}`;
  return String(error).slice(0, 300);
}

function timeout(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** The URL index (instance) of each connection. */
const instanceOf = new WeakMap<Client, number>();

async function connectAll(
  urls: readonly string[],
  count: number,
): Promise<{ clients: Client[]; failed: number }> {
  const clients: Client[] = [];
  let failed = 0;
  for (let i = 0; i < count; i += CONNECT_BATCH) {
    const batch = Array.from({ length: Math.min(CONNECT_BATCH, count - i) }, async (_, j) => {
      const url = urls[(i + j) % urls.length]!;
      let settle!: (ok: boolean) => void;
      const connected = new Promise<boolean>((resolve) => (settle = resolve));
      const client = createClient({
        url,
        webSocketImpl: WebSocket,
        lazy: false,
        retryAttempts: 0,
        onNonLazyError: () => settle(false),
      });
      client.on("connected", () => settle(true));
      instanceOf.set(client, (i + j) % urls.length);
      if (await connected) clients.push(client);
      else {
        failed++;
        void client.dispose();
      }
    });
    await Promise.all(batch);
  }
  return { clients, failed };
}

function subscribe(client: Client, runId: string): Subscription {
  let onFirstEvent!: () => void;
  let onEnd!: () => void;
  const sub: Subscription = {
    instance: instanceOf.get(client) ?? 0,
    times: [],
    eventPhases: [],
    phases: new Set(),
    events: 0,
    terminal: false,
    completed: false,
    firstEvent: new Promise<void>((resolve) => (onFirstEvent = resolve)),
    onFirstEvent: () => onFirstEvent(),
    ended: new Promise<void>((resolve) => (onEnd = resolve)),
    onEnd: () => onEnd(),
  };
  sub.unsubscribe = client.subscribe<{ syncProgress: ProgressEvent }>(
    { query: SYNC_PROGRESS_SUBSCRIPTION, variables: { runId } },
    {
      next(result) {
        const receivedAt = Date.now();
        const event = result.data?.syncProgress;
        if (!event) {
          sub.error ??= describeError(result.errors ?? "an event without data");
          return;
        }
        sub.events++;
        sub.times.push(receivedAt, Date.parse(event.at));
        sub.eventPhases.push(event.phase);
        sub.phases.add(event.phase);
        if (TERMINAL.has(event.status)) sub.terminal = true;
        sub.onFirstEvent();
      },
      error(error) {
        sub.error ??= describeError(error);
        sub.onFirstEvent();
        sub.onEnd();
      },
      complete() {
        sub.completed = true;
        sub.onFirstEvent();
        sub.onEnd();
      },
    },
  );
  return sub;
}

function roundStats(
  subs: readonly Subscription[],
  ready: number,
  subscribeMs: number,
  releasedAt: number,
  expectedPhases: readonly string[],
): SubscriberRoundStats {
  const latencies: number[] = [];
  const byPhase = new Map<string, number[]>();
  const byInstance = new Map<number, number[]>();
  const missedPhases: Record<string, number> = {};
  let complete = 0;
  for (const sub of subs) {
    for (let i = 0; i < sub.times.length; i += 2) {
      const at = sub.times[i + 1]!;
      if (at < releasedAt) continue;
      const latency = sub.times[i]! - at;
      latencies.push(latency);
      let mine = byInstance.get(sub.instance);
      if (!mine) byInstance.set(sub.instance, (mine = []));
      mine.push(latency);
      const phase = sub.eventPhases[i / 2]!;
      let list = byPhase.get(phase);
      if (!list) byPhase.set(phase, (list = []));
      list.push(latency);
    }
    const missed = expectedPhases.filter((phase) => !sub.phases.has(phase));
    for (const phase of missed) missedPhases[phase] = (missedPhases[phase] ?? 0) + 1;
    if (missed.length === 0 && sub.terminal) complete++;
  }
  const events = subs.map((s) => s.events);
  const firstError = subs.find((s) => s.error !== undefined)?.error;
  return {
    subscribers: subs.length,
    ready,
    subscribeMs,
    eventsMin: events.reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY),
    eventsMedian: median(events),
    eventsMax: events.reduce((a, b) => Math.max(a, b), 0),
    complete,
    terminal: subs.filter((s) => s.terminal).length,
    completedByServer: subs.filter((s) => s.completed).length,
    errors: subs.filter((s) => s.error !== undefined).length,
    ...(firstError === undefined ? {} : { firstError }),
    latencySamples: latencies.length,
    latencyP50: percentile(latencies, 50),
    latencyP99: percentile(latencies, 99),
    latencyMax: latencies.length === 0 ? Number.NaN : latencies.reduce((a, b) => Math.max(a, b)),
    latencyByPhase: Object.fromEntries(
      [...byPhase].map(([phase, list]) => [
        phase,
        {
          n: list.length,
          p50: percentile(list, 50),
          p99: percentile(list, 99),
          max: list.reduce((a, b) => Math.max(a, b)),
        },
      ]),
    ),
    latencyByInstance: Object.fromEntries(
      [...byInstance].map(([instance, list]) => [
        String(instance),
        {
          n: list.length,
          p50: percentile(list, 50),
          p99: percentile(list, 99),
          max: Math.max(...list),
        },
      ]),
    ),
    missedPhases,
  };
}

async function main(): Promise<void> {
  if (!process.send) throw new Error("child-subscribers needs an IPC channel");
  let clients: Client[] = [];
  let perConnection = 1;
  let subs: Subscription[] = [];
  let ready = 0;
  let subscribeMs = 0;
  const rounds: SubscriberRoundStats[] = [];

  const handle = async (command: SubscriberCommand): Promise<boolean> => {
    switch (command.type) {
      case "connect": {
        const start = Date.now();
        const opened = await connectAll(command.urls ?? [command.url], command.connections);
        clients = opened.clients;
        perConnection = command.subscriptionsPerConnection;
        reply({
          type: "connected",
          connections: clients.length,
          failed: opened.failed,
          ms: Date.now() - start,
        });
        return true;
      }
      case "subscribe": {
        const start = Date.now();
        subs = clients.flatMap((client) =>
          Array.from({ length: perConnection }, () => subscribe(client, command.runId)),
        );
        // The gateway answers a new subscriber with the run's current state: its first event
        // says the subscription is in place on the server.
        ready = 0;
        await Promise.race([
          Promise.all(subs.map((s) => s.firstEvent.then(() => void ready++))),
          timeout(READY_TIMEOUT_MS),
        ]);
        subscribeMs = Date.now() - start;
        reply({ type: "subscribed", subscribers: subs.length, ready, ms: subscribeMs });
        return true;
      }
      case "collect": {
        await Promise.race([Promise.all(subs.map((s) => s.ended)), timeout(COLLECT_TIMEOUT_MS)]);
        for (const sub of subs) sub.unsubscribe?.();
        const stats = roundStats(
          subs,
          ready,
          subscribeMs,
          command.releasedAt,
          command.expectedPhases,
        );
        rounds.push(stats);
        subs = [];
        reply({ type: "collected", stats });
        return true;
      }
      case "stop":
        return false;
    }
  };

  await new Promise<void>((resolve, reject) => {
    let chain = Promise.resolve(true);
    process.on("message", (command: SubscriberCommand) => {
      chain = chain.then((going) => (going ? handle(command) : false));
      chain.then((going) => {
        if (!going) resolve();
      }, reject);
    });
    process.on("disconnect", () => resolve());
  });

  await Promise.all(clients.map((client) => client.dispose()));
  writeResult({ rounds, peakRssMb: peakRssMb() });
}

runChild(main);
