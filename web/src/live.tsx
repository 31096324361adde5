import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { DashProgressDocument, type DashProgressSubscription } from "./__generated__/graphql";
import { client } from "./client";

export type Progress = DashProgressSubscription["syncProgress"];

const TERMINAL = new Set(["SUCCEEDED", "FAILED", "CANCELLED", "INTERRUPTED"]);

export function isTerminal(status: string): boolean {
  return TERMINAL.has(status);
}

interface Live {
  /** The latest progress event of each registry's run. */
  byRegistry: ReadonlyMap<string, Progress>;
  /** Bumped at every terminal event: views that show statuses reload. */
  generation: number;
  connected: boolean;
}

const LiveContext = createContext<Live>({ byRegistry: new Map(), generation: 0, connected: false });

/**
 * One `syncProgress` subscription (every registry the viewer can see) for the whole app: rows,
 * detail pages and bars read the latest event of their registry from here.
 */
export function LiveProgressProvider(props: { children: ReactNode }): ReactNode {
  const [live, setLive] = useState<Live>({
    byRegistry: new Map(),
    generation: 0,
    connected: false,
  });
  const [auth, setAuth] = useState(0);
  const pending = useRef<Progress[]>([]);
  useEffect(() => client.onAuthChange((event) => event === "token" && setAuth((n) => n + 1)), []);
  useEffect(
    () => client.onSocket((connected) => setLive((state) => ({ ...state, connected }))),
    [],
  );
  useEffect(() => {
    let frame = 0;
    const flush = () => {
      frame = 0;
      const events = pending.current.splice(0);
      setLive((state) => {
        const byRegistry = new Map(state.byRegistry);
        let generation = state.generation;
        for (const event of events) {
          byRegistry.set(event.registryId, event);
          if (isTerminal(event.status)) generation++;
        }
        return { ...state, byRegistry, generation };
      });
    };
    const stop = client.subscribe(
      DashProgressDocument,
      {},
      {
        next: (data) => {
          pending.current.push(data.syncProgress);
          if (!frame) frame = window.setTimeout(flush, 50);
        },
        error: () => undefined,
      },
    );
    return () => {
      if (frame) window.clearTimeout(frame);
      stop();
    };
  }, [auth]);
  return <LiveContext.Provider value={live}>{props.children}</LiveContext.Provider>;
}

export function useLive(): Live {
  return useContext(LiveContext);
}
