import { Session } from "node:inspector/promises";
import path from "node:path";

/** The parts of a V8 CPU profile (`.cpuprofile`) read here. */
export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
  }[];
  samples?: number[];
  timeDeltas?: number[];
}

export interface SelfTimeRow {
  /** `function (file:line)`; the file is relative to the repository or node_modules. */
  name: string;
  selfMs: number;
  percent: number;
}

/** A running CPU profile of this process (the V8 sampling profiler that `--cpu-prof` uses). */
export interface CpuProfiler {
  stop(): Promise<CpuProfile>;
}

/** Starts the V8 CPU profiler in this process, sampling every `intervalUs` microseconds. */
export async function startCpuProfile(intervalUs = 500): Promise<CpuProfiler> {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: intervalUs });
  await session.post("Profiler.start");
  return {
    async stop() {
      const { profile } = await session.post("Profiler.stop");
      session.disconnect();
      return profile as CpuProfile;
    },
  };
}

function shortUrl(url: string, root: string): string {
  const file = url.replace(/^file:\/\//, "");
  const modules = file.lastIndexOf("/node_modules/");
  if (modules >= 0) return file.slice(modules + 1);
  return file.startsWith(root) ? path.relative(root, file) : file;
}

/** Functions by self time (samples × interval), highest first, aggregated by name and place. */
export function topSelfTime(profile: CpuProfile, root: string, count: number): SelfTimeRow[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<string, number>();
  let totalUs = 0;
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    // timeDeltas[i] is the time before sample i; the sample stands for the time until the next.
    const us = deltas[i + 1] ?? 0;
    const node = byId.get(samples[i]!);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const key = url
      ? `${functionName || "(anonymous)"} (${shortUrl(url, root)}:${lineNumber + 1})`
      : functionName.startsWith("(")
        ? functionName
        : `${functionName || "(anonymous)"} (native)`;
    selfUs.set(key, (selfUs.get(key) ?? 0) + us);
    totalUs += us;
  }
  return [...selfUs.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, us]) => ({
      name,
      selfMs: us / 1000,
      percent: totalUs > 0 ? (100 * us) / totalUs : 0,
    }));
}
