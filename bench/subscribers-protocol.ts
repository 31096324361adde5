/**
 * Messages of the subscribers scenario, over the IPC channels of the orchestrator's two children:
 * the gateway (`child-gateway.ts`) and the subscriber client (`child-subscribers.ts`).
 */
import { type RunCounts } from "./gateway-harness";

/** Orchestrator → gateway child. */
export type GatewayCommand =
  | { type: "add"; name: string; endpoint: string }
  /** Syncs the registry added last; with `profileFile`, CPU-profiles the run into that file. */
  | { type: "sync"; profileFile?: string }
  | { type: "stop" };

/** Gateway child → orchestrator. */
export type GatewayReply =
  /** `syncProgress`: whether the gateway's schema has the subscription. */
  | { type: "ready"; url: string; syncProgress: boolean }
  | { type: "added"; registryId: string; addMs: number }
  | { type: "requested"; runId: string; requestedAt: number }
  | {
      type: "finished";
      status: string;
      counts: RunCounts;
      /** CPU time (user + system) of the gateway process from the request to the end. */
      cpuMs: number;
      finishedAt: number;
      /** GC pauses of the gateway process from the request to the end: [start (Date.now()), ms]. */
      gcPauses: [number, number][];
      /** Phase changes published by the engine (Date.now() of the first event of each). */
      phases: { phase: string; at: number }[];
      /** Progress events the engine published for the run. */
      published: number;
    };

/** Orchestrator → subscriber child. */
export type SubscriberCommand =
  | {
      type: "connect";
      url: string;
      /** Fleets: connections are spread over these URLs (round robin) instead of `url`. */
      urls?: string[];
      connections: number;
      subscriptionsPerConnection: number;
    }
  | { type: "subscribe"; runId: string }
  | { type: "collect"; releasedAt: number; expectedPhases: string[] }
  | { type: "stop" };

/** What the subscribers of one run received. */
export interface SubscriberRoundStats {
  subscribers: number;
  /** Subscriptions that received their first event before the run was released. */
  ready: number;
  subscribeMs: number;
  eventsMin: number;
  eventsMedian: number;
  eventsMax: number;
  /** Got an event of every phase in `expectedPhases` and the terminal event. */
  complete: number;
  terminal: number;
  /** The server completed the subscription after the terminal event. */
  completedByServer: number;
  errors: number;
  firstError?: string;
  /** Receive time − `at`, over every event published after the release. */
  latencySamples: number;
  latencyP50: number;
  latencyP99: number;
  latencyMax: number;
  /** Latency p50 / p99 / max and sample count, by the event's phase. */
  latencyByPhase: Record<string, { n: number; p50: number; p99: number; max: number }>;
  /** Latency by the instance (index of the URLs connected to) the subscription is on. */
  latencyByInstance?: Record<string, { n: number; p50: number; p99: number; max: number }>;
  /** How many subscriptions missed each expected phase. */
  missedPhases: Record<string, number>;
}

/** Subscriber child → orchestrator. */
export type SubscriberReply =
  | { type: "connected"; connections: number; failed: number; ms: number }
  | { type: "subscribed"; subscribers: number; ready: number; ms: number }
  | { type: "collected"; stats: SubscriberRoundStats };
