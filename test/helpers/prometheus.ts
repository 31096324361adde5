/** One sample of a Prometheus text exposition. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** A metric family's declared TYPE and HELP. */
export interface Family {
  type: string;
  help: string;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)(\s+\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/**
 * Parses the Prometheus text format (0.0.4) strictly enough for tests: every line is a comment,
 * blank, or a well-formed sample, else it throws naming the line.
 */
export function parsePrometheus(text: string): {
  samples: Sample[];
  families: Map<string, Family>;
} {
  const samples: Sample[] = [];
  const families = new Map<string, Family>();
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    if (line.startsWith("#")) {
      const match = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line);
      if (!match) continue;
      const family = families.get(match[2]) ?? { type: "untyped", help: "" };
      if (match[1] === "TYPE") family.type = match[3];
      else family.help = match[3];
      families.set(match[2], family);
      continue;
    }
    const match = SAMPLE.exec(line);
    if (!match) throw new Error(`not a Prometheus sample: ${line}`);
    const labels: Record<string, string> = {};
    for (const label of (match[3] ?? "").matchAll(LABEL)) {
      labels[label[1]] = label[2].replace(/\\n/g, "\n").replace(/\\"/g, '"').replace(/\\\\/g, "\\");
    }
    const raw = match[4];
    const value = raw === "+Inf" ? Infinity : raw === "-Inf" ? -Infinity : Number(raw);
    if (Number.isNaN(value) && raw !== "NaN") throw new Error(`not a number: ${line}`);
    samples.push({ name: match[1], labels, value });
  }
  return { samples, families };
}

/** The value of the sample with this name whose labels include `labels` (0 when absent). */
export function valueOf(
  samples: readonly Sample[],
  name: string,
  labels: Record<string, string> = {},
): number {
  const found = samples.filter(
    (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
  return found.reduce((sum, s) => sum + s.value, 0);
}
