import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from "react";
import { type TypedDocumentNode } from "@graphql-typed-document-node/core";
import { client, GraphqlRequestError } from "./client";

/** Navigates within the app (hash routes keep the gateway serving one page at `/`). */
export function go(path: string): void {
  window.location.hash = `#${path}`;
}

/** The current hash route, e.g. `/registries/abc`. */
export function useRoute(): string {
  const read = () => window.location.hash.replace(/^#/, "") || "/";
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const onChange = () => setRoute(read());
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  return route;
}

export interface QueryState<T> {
  data: T | null;
  error: GraphqlRequestError | Error | null;
  loading: boolean;
  reload: () => void;
}

/** Runs a query when its variables change; `reload` runs it again. */
export function useQuery<TData, TVars>(
  document: TypedDocumentNode<TData, TVars>,
  variables: TVars | null,
): QueryState<TData> {
  const [state, setState] = useState<{ data: TData | null; error: Error | null; loading: boolean }>(
    { data: null, error: null, loading: variables !== null },
  );
  const [tick, setTick] = useState(0);
  const key = JSON.stringify(variables);
  useEffect(() => {
    if (variables === null) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    client.request(document, variables).then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error: Error) => live && setState((s) => ({ data: s.data, error, loading: false })),
    );
    return () => {
      live = false;
    };
  }, [document, key, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}

/** An error box for a failed request: the gateway's message and code. */
export function ErrorNote({ error }: { error: unknown }): ReactNode {
  if (!error) return null;
  const code = error instanceof GraphqlRequestError ? error.code : undefined;
  return (
    <p className="error" role="alert">
      {error instanceof Error ? error.message : String(error)}
      {code ? <code className="code">{code}</code> : null}
    </p>
  );
}

/** A labelled form control with its error (announced, and tied by aria-describedby). */
export function Field(props: {
  label: string;
  name: string;
  error?: string;
  hint?: string;
  children: (attrs: {
    id: string;
    name: string;
    "aria-invalid": boolean;
    "aria-describedby"?: string;
  }) => ReactNode;
}): ReactNode {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [props.error ? errorId : null, props.hint ? hintId : null]
    .filter(Boolean)
    .join(" ");
  return (
    <div className={`field${props.error ? " invalid" : ""}`} data-field={props.name}>
      <label htmlFor={id}>{props.label}</label>
      {props.children({
        id,
        name: props.name,
        "aria-invalid": Boolean(props.error),
        ...(describedBy ? { "aria-describedby": describedBy } : {}),
      })}
      {props.hint ? (
        <small id={hintId} className="hint">
          {props.hint}
        </small>
      ) : null}
      {props.error ? (
        <small id={errorId} className="field-error" role="alert">
          {props.error}
        </small>
      ) : null}
    </div>
  );
}

/** A progress bar: determinate when the total is known, else indeterminate. */
export function ProgressBar(props: {
  label: string;
  done: number | null;
  total: number | null;
  finished: boolean;
}): ReactNode {
  const { done, total, finished } = props;
  const percent = finished
    ? 100
    : done !== null && total
      ? Math.min(100, Math.round((done / total) * 100))
      : null;
  return (
    <div
      className={`progress${percent === null ? " indeterminate" : ""}`}
      role="progressbar"
      aria-label={props.label}
      aria-valuemin={0}
      aria-valuemax={100}
      {...(percent !== null ? { "aria-valuenow": percent } : {})}
      data-percent={percent ?? ""}
    >
      <div className="progress-fill" style={{ width: `${percent ?? 30}%` }} />
    </div>
  );
}

/** A date as local date and time; `n/a` or `never` when there is none. */
export function when(value: string | null | undefined, none = "never"): string {
  if (!value) return none;
  return new Date(value).toLocaleString();
}

/** A count of bytes for people. */
export function bytes(value: number): string {
  if (value < 1024) return `${value} B`;
  if (value < 1024 ** 2) return `${(value / 1024).toFixed(1)} KiB`;
  return `${(value / 1024 ** 2).toFixed(1)} MiB`;
}

/** A status pill: text plus colour (the text carries the meaning, not the colour). */
export function Status({ value }: { value: string }): ReactNode {
  return <span className={`status status-${value.toLowerCase()}`}>{value.replace(/_/g, " ")}</span>;
}

/** A dialog with a heading, focus moved in on open, Escape to close. */
export function Dialog(props: {
  title: string;
  onClose: () => void;
  children: ReactNode;
}): ReactNode {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useEffect(() => {
    const first = ref.current?.querySelector<HTMLElement>("input, select, textarea, button");
    first?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") props.onClose();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  return (
    <div className="backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} ref={ref}>
        <header className="dialog-header">
          <h2 id={titleId}>{props.title}</h2>
          <button type="button" className="link" onClick={props.onClose} aria-label="Close">
            ×
          </button>
        </header>
        {props.children}
      </div>
    </div>
  );
}

/** Previous/next page buttons over a cursor stack (Relay connections page forward only). */
export function usePager(): {
  after: string | null;
  page: number;
  next: (endCursor: string | null | undefined) => void;
  previous: () => void;
  reset: () => void;
} {
  const [stack, setStack] = useState<(string | null)[]>([null]);
  return {
    after: stack[stack.length - 1],
    page: stack.length,
    next: (cursor) => cursor && setStack((s) => [...s, cursor]),
    previous: () => setStack((s) => (s.length > 1 ? s.slice(0, -1) : s)),
    reset: () => setStack([null]),
  };
}

export function Pager(props: {
  page: number;
  hasNext: boolean;
  onNext: () => void;
  onPrevious: () => void;
  label: string;
}): ReactNode {
  return (
    <nav className="pager" aria-label={props.label}>
      <button type="button" onClick={props.onPrevious} disabled={props.page <= 1}>
        Previous page
      </button>
      <span>Page {props.page}</span>
      <button type="button" onClick={props.onNext} disabled={!props.hasNext}>
        Next page
      </button>
    </nav>
  );
}
