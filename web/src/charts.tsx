import { marked, type Tokens } from "marked";
import { useMemo, useState, type FormEvent, type ReactNode } from "react";
import {
  DashChartPageDocument,
  DashRegistriesDocument,
  DashRegistryChartsDocument,
  DashResolveDocument,
  DashSearchDocument,
  DashVersionDocument,
  type ChartKind,
  type DashChartFragment,
  type PackLayer,
} from "./__generated__/graphql";
import { client } from "./client";
import { ErrorNote, go, Pager, useQuery, usePager } from "./ui";

const CHART_KINDS: ChartKind[] = ["HELM_CHART", "PACK", "ZARF_PACKAGE"];
const LAYERS: PackLayer[] = ["OS", "K8S", "CNI", "CSI", "ADDON", "KERNEL"];

/** The query string of the hash route (`#/charts?registry=…`). */
function routeParams(): URLSearchParams {
  const hash = window.location.hash;
  const index = hash.indexOf("?");
  return new URLSearchParams(index >= 0 ? hash.slice(index + 1) : "");
}

export const chartPath = (registryId: string, name: string) =>
  `/charts/${encodeURIComponent(registryId)}/${encodeURIComponent(name)}`;

/** Search across every registry or within one: filters, relevance order, cursor paging. */
export function ChartsView(): ReactNode {
  const initial = routeParams();
  const [registryId, setRegistryId] = useState(initial.get("registry") ?? "");
  const [text, setText] = useState(initial.get("q") ?? "");
  const [search, setSearch] = useState(initial.get("q") ?? "");
  const [kind, setKind] = useState<ChartKind | "">("");
  const [layer, setLayer] = useState<PackLayer | "">("");
  const [includeDeprecated, setIncludeDeprecated] = useState(true);
  const pager = usePager();
  const registries = useQuery(DashRegistriesDocument, { first: 100 });
  const filters = {
    search: search || null,
    kind: kind || null,
    layer: layer || null,
    includeDeprecated,
    first: 20,
    after: pager.after,
  };
  const all = useQuery(DashSearchDocument, registryId ? null : filters);
  const one = useQuery(
    DashRegistryChartsDocument,
    registryId ? { id: registryId, ...filters } : null,
  );
  const connection = registryId ? one.data?.registry?.charts : all.data?.searchCharts;
  const error = registryId ? one.error : all.error;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSearch(text.trim());
    pager.reset();
  };
  return (
    <section aria-labelledby="charts-title">
      <h1 id="charts-title">Charts</h1>
      <form className="filters" role="search" onSubmit={submit}>
        <label>
          Search{" "}
          <input
            type="search"
            name="search"
            value={text}
            placeholder="name, keyword, description"
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <button type="submit" className="primary">
          Search
        </button>
        <label>
          Registry{" "}
          <select
            value={registryId}
            onChange={(e) => {
              setRegistryId(e.target.value);
              pager.reset();
            }}
          >
            <option value="">All registries</option>
            {registries.data?.registries.edges.map(({ node }) => (
              <option key={node.id} value={node.id}>
                {node.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Kind{" "}
          <select
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as ChartKind | "");
              pager.reset();
            }}
          >
            <option value="">Any</option>
            {CHART_KINDS.map((k) => (
              <option key={k} value={k}>
                {k.replace("_", " ").toLowerCase()}
              </option>
            ))}
          </select>
        </label>
        <label>
          Layer{" "}
          <select
            value={layer}
            onChange={(e) => {
              setLayer(e.target.value as PackLayer | "");
              pager.reset();
            }}
          >
            <option value="">Any</option>
            {LAYERS.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input
            type="checkbox"
            checked={includeDeprecated}
            onChange={(e) => {
              setIncludeDeprecated(e.target.checked);
              pager.reset();
            }}
          />{" "}
          Include deprecated
        </label>
      </form>
      <ErrorNote error={error} />
      {connection ? (
        <p className="muted" role="status">
          {connection.totalCount} charts
        </p>
      ) : null}
      {connection && connection.edges.length > 0 ? (
        <ul className="chart-list">
          {connection.edges.map(({ node }) => (
            <ChartItem key={node.id} chart={node} />
          ))}
        </ul>
      ) : null}
      {connection ? (
        <Pager
          label="Chart pages"
          page={pager.page}
          hasNext={connection.pageInfo.hasNextPage}
          onNext={() => pager.next(connection.pageInfo.endCursor)}
          onPrevious={pager.previous}
        />
      ) : null}
    </section>
  );
}

function ChartItem({ chart }: { chart: DashChartFragment }): ReactNode {
  return (
    <li className="chart-item" data-chart={chart.name}>
      <a href={`#${chartPath(chart.registry.id, chart.name)}`}>
        <strong>{chart.displayName ?? chart.name}</strong>
      </a>{" "}
      {chart.latestVersion ? <span className="muted">{chart.latestVersion.version}</span> : null}{" "}
      {chart.deprecated ? <span className="status status-failed">deprecated</span> : null}{" "}
      {chart.layer ? <span className="tag">{chart.layer}</span> : null}
      <span className="tag">{chart.registry.name}</span>
      {chart.description ? <p className="small">{chart.description}</p> : null}
    </li>
  );
}

/** A chart: its versions (paged), and a range box that resolves a version. */
export function ChartPage(props: { registryId: string; name: string }): ReactNode {
  const pager = usePager();
  const query = useQuery(DashChartPageDocument, {
    registryId: props.registryId,
    name: props.name,
    after: pager.after,
  });
  const [range, setRange] = useState("");
  const [prerelease, setPrerelease] = useState(false);
  const [resolved, setResolved] = useState<{ id: string; version: string } | null | undefined>(
    undefined,
  );
  const [resolveError, setResolveError] = useState<unknown>(null);
  const chart = query.data?.registry?.chart;
  if (query.error) return <ErrorNote error={query.error} />;
  if (!chart) return query.loading ? <p>Loading…</p> : <p>Chart not found.</p>;
  const resolve = async (event: FormEvent) => {
    event.preventDefault();
    setResolveError(null);
    setResolved(undefined);
    try {
      const data = await client.request(DashResolveDocument, {
        registryId: props.registryId,
        chart: props.name,
        version: range,
        includePrerelease: prerelease,
      });
      setResolved(data.resolveChartVersion);
    } catch (error) {
      setResolveError(error);
    }
  };
  return (
    <section aria-labelledby="chart-title">
      <p>
        <a href={`#/charts?registry=${props.registryId}`}>
          ← Charts of {query.data?.registry?.name}
        </a>
      </p>
      <h1 id="chart-title">{chart.displayName ?? chart.name}</h1>
      {chart.description ? <p>{chart.description}</p> : null}
      <p className="muted">
        {chart.kind.replace("_", " ").toLowerCase()} · {chart.versionCount} versions
        {chart.layer ? ` · layer ${chart.layer}` : ""}
        {chart.deprecated ? " · deprecated" : ""}
      </p>
      <form className="filters resolve" onSubmit={(e) => void resolve(e)}>
        <label>
          Version or range{" "}
          <input
            name="range"
            value={range}
            placeholder="^6.0, 1.2.x, >=1.2 <2"
            onChange={(e) => setRange(e.target.value)}
          />
        </label>
        <label>
          <input
            type="checkbox"
            checked={prerelease}
            onChange={(e) => setPrerelease(e.target.checked)}
          />{" "}
          Prereleases
        </label>
        <button type="submit" className="primary">
          Resolve
        </button>
        <output className="resolved" aria-live="polite">
          {resolved === null ? "No version matches." : null}
          {resolved ? (
            <>
              Resolves to{" "}
              <a href={`#/versions/${encodeURIComponent(resolved.id)}`}>{resolved.version}</a>
            </>
          ) : null}
        </output>
      </form>
      <ErrorNote error={resolveError} />
      <h2>Versions</h2>
      <table className="versions">
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">App version</th>
            <th scope="col">Created</th>
            <th scope="col">Notes</th>
          </tr>
        </thead>
        <tbody>
          {chart.versions.edges.map(({ node }) => (
            <tr key={node.id} data-version={node.version}>
              <th scope="row">
                <a href={`#/versions/${encodeURIComponent(node.id)}`}>{node.version}</a>
              </th>
              <td>{node.appVersion ?? ""}</td>
              <td>{node.created ? new Date(node.created).toLocaleDateString() : ""}</td>
              <td>
                {node.deprecated ? "deprecated " : ""}
                {node.prerelease ? "prerelease" : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager
        label="Version pages"
        page={pager.page}
        hasNext={chart.versions.pageInfo.hasNextPage}
        onNext={() => pager.next(chart.versions.pageInfo.endCursor)}
        onPrevious={pager.previous}
      />
    </section>
  );
}

/**
 * Markdown to HTML with raw HTML dropped, images shown as their text and links kept only for
 * http(s) and in-page targets: a README cannot run code or make the browser fetch anything.
 */
const safeMarkdown = (() => {
  const renderer = new marked.Renderer();
  renderer.html = () => "";
  renderer.image = ({ text }: Tokens.Image) => escapeHtml(text ? `[${text}]` : "");
  const link = renderer.link.bind(renderer);
  renderer.link = (token: Tokens.Link) => {
    if (!/^(https?:|#)/i.test(token.href)) return escapeHtml(token.text);
    return link(token).replace("<a ", '<a rel="noopener noreferrer nofollow" target="_blank" ');
  };
  return (text: string) => marked.parse(text, { renderer, async: false, gfm: true }) as string;
})();

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

type Tab = "values" | "readme" | "schema";

/** A version's values, README and values schema. */
export function VersionPage(props: { id: string }): ReactNode {
  const query = useQuery(DashVersionDocument, { id: props.id });
  const [tab, setTab] = useState<Tab>("values");
  const version = query.data?.node?.__typename === "ChartVersion" ? query.data.node : null;
  const readme = useMemo(
    () => (version?.readme ? safeMarkdown(version.readme) : null),
    [version?.readme],
  );
  const schema = useMemo(() => {
    if (!version?.valuesSchema) return null;
    try {
      return JSON.parse(version.valuesSchema) as {
        properties?: Record<string, { type?: string; description?: string }>;
      };
    } catch {
      return null;
    }
  }, [version?.valuesSchema]);
  if (query.error) return <ErrorNote error={query.error} />;
  if (!version) return query.loading ? <p>Loading…</p> : <p>Version not found.</p>;
  const tabs: { id: Tab; label: string }[] = [
    { id: "values", label: "Values" },
    { id: "readme", label: "README" },
    { id: "schema", label: "Schema" },
  ];
  const onKey = (event: React.KeyboardEvent) => {
    const index = tabs.findIndex((t) => t.id === tab);
    if (event.key === "ArrowRight") setTab(tabs[(index + 1) % tabs.length].id);
    if (event.key === "ArrowLeft") setTab(tabs[(index + tabs.length - 1) % tabs.length].id);
  };
  return (
    <section aria-labelledby="version-title">
      <p>
        <a href={`#${chartPath(version.chart.registry.id, version.chart.name)}`}>
          ← {version.chart.name}
        </a>
      </p>
      <h1 id="version-title">
        {version.chart.name} {version.version}
      </h1>
      <p className="muted">
        {version.appVersion ? `app ${version.appVersion} · ` : ""}
        {version.chart.registry.name}
        {version.digest ? ` · ${version.digest.slice(0, 19)}…` : ""}
      </p>
      {version.description ? <p>{version.description}</p> : null}
      <div role="tablist" aria-label="Version content" className="tabs" onKeyDown={onKey}>
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} tabIndex={0}>
        {tab === "values" ? (
          version.values ? (
            <pre className="code-block" data-content="values">
              {version.values}
            </pre>
          ) : (
            <p className="empty">This version has no values file (or it could not be read).</p>
          )
        ) : null}
        {tab === "readme" ? (
          readme ? (
            <article className="readme" dangerouslySetInnerHTML={{ __html: readme }} />
          ) : (
            <p className="empty">This version has no README.</p>
          )
        ) : null}
        {tab === "schema" ? (
          version.valuesSchema ? (
            <>
              {schema?.properties ? (
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Value</th>
                      <th scope="col">Type</th>
                      <th scope="col">Description</th>
                    </tr>
                  </thead>
                  <tbody>
                    {Object.entries(schema.properties).map(([name, p]) => (
                      <tr key={name}>
                        <th scope="row">
                          <code>{name}</code>
                        </th>
                        <td>{p.type ?? ""}</td>
                        <td>{p.description ?? ""}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
              <pre className="code-block">
                {schema ? JSON.stringify(schema, null, 2) : version.valuesSchema}
              </pre>
            </>
          ) : (
            <p className="empty">This version has no values schema.</p>
          )
        ) : null}
      </div>
      <p>
        <button
          type="button"
          onClick={() => go(chartPath(version.chart.registry.id, version.chart.name))}
        >
          Back to the chart
        </button>
      </p>
    </section>
  );
}
