import { context, SpanKind, SpanStatusCode, trace, type Span } from "@opentelemetry/api";
import { type RegistryEntity, type SyncRunEntity } from "../entities";
import { type SyncPhase } from "../entities/sync-run.entity";
import { type SyncObserver } from "../sync/sync-engine";
import { type GatewayMetrics } from "./metrics";
import { failSpan, type Tracing } from "./tracing";

/**
 * Metrics and traces of sync runs. Each run counts in `gateway_sync_runs_total` and its duration
 * histogram by registry kind and outcome; with tracing on, a run is a `sync run` span with a
 * child per phase (`sync CONNECTING`, `sync FETCHING`, ...) and a client span per outbound
 * registry request.
 */
export class SyncTelemetry implements SyncObserver {
  private readonly phases = new Map<string, Span>();

  constructor(
    private readonly metrics: GatewayMetrics | null,
    private readonly tracing: Tracing | null,
  ) {}

  async run(
    run: SyncRunEntity,
    registry: RegistryEntity,
    execute: () => Promise<void>,
  ): Promise<void> {
    const kind = registry.kind;
    let span: Span | undefined;
    try {
      if (!this.tracing) {
        await execute();
        return;
      }
      span = this.tracing.tracer.startSpan(
        "sync run",
        {
          kind: SpanKind.INTERNAL,
          attributes: {
            "registry.kind": kind,
            "registry.id": registry.id,
            "sync.run.id": run.id,
            "sync.trigger": run.trigger,
          },
        },
        // A run is its own trace: it outlives the request that queued it.
        trace.deleteSpan(context.active()),
      );
      await context.with(this.tracing.within(span), execute);
    } finally {
      this.endPhase(run.id);
      this.record(run, kind);
      if (span) {
        span.setAttributes({
          "sync.status": run.status,
          "sync.versions.added": run.versionsAdded ?? 0,
          "sync.versions.removed": run.versionsRemoved ?? 0,
          "sync.versions.seen": run.versionsSeen ?? 0,
        });
        if (run.status === "FAILED") failSpan(span, run.errorCode ?? "FAILED");
        else span.setStatus({ code: SpanStatusCode.UNSET });
        span.end();
      }
    }
  }

  phase(run: SyncRunEntity, phase: SyncPhase): void {
    if (!this.tracing) return;
    this.endPhase(run.id);
    if (phase === "DONE" || phase === "QUEUED") return;
    const parent = trace.getSpan(context.active());
    if (!parent) return;
    const span = this.tracing.tracer.startSpan(
      `sync ${phase}`,
      { attributes: { "sync.phase": phase, "sync.run.id": run.id } },
      trace.setSpan(context.active(), parent),
    );
    this.phases.set(run.id, span);
  }

  private endPhase(runId: string): void {
    const span = this.phases.get(runId);
    if (!span) return;
    this.phases.delete(runId);
    span.end();
  }

  private record(run: SyncRunEntity, kind: string): void {
    if (!this.metrics) return;
    const outcome = run.status.toLowerCase();
    this.metrics.syncRuns.inc({ registry_kind: kind, outcome });
    if (run.startedAt && run.finishedAt) {
      this.metrics.syncRunDuration.observe(
        { registry_kind: kind, outcome },
        (run.finishedAt.getTime() - run.startedAt.getTime()) / 1000,
      );
    }
    if (run.status === "SUCCEEDED") {
      if (run.versionsAdded)
        this.metrics.versionsAdded.inc({ registry_kind: kind }, run.versionsAdded);
      if (run.versionsRemoved) {
        this.metrics.versionsRemoved.inc({ registry_kind: kind }, run.versionsRemoved);
      }
    }
  }
}
