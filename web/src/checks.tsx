import { useState, type FormEvent, type ReactNode } from "react";
import {
  DashCheckReferenceDocument,
  DashProfileCheckDocument,
  DashRegistriesDocument,
  type DashCheckReferenceQuery,
  type DashProfileCheckQuery,
} from "./__generated__/graphql";
import { client } from "./client";
import { ErrorNote, Status, useQuery } from "./ui";

function RegistrySelect(props: {
  id: string;
  value: string;
  onChange: (id: string) => void;
  label: string;
}): ReactNode {
  const registries = useQuery(DashRegistriesDocument, { first: 100 });
  return (
    <select
      id={props.id}
      aria-label={props.label}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      required
    >
      <option value="">Choose a registry</option>
      {registries.data?.registries.edges.map(({ node }) => (
        <option key={node.id} value={node.id}>
          {node.name}
          {node.protected ? " (protected)" : ""}
        </option>
      ))}
    </select>
  );
}

/** Does a registry host this chart version? Protected registries are asked live. */
function ReferenceCheck(): ReactNode {
  const [registryId, setRegistryId] = useState("");
  const [chart, setChart] = useState("");
  const [version, setVersion] = useState("");
  const [result, setResult] = useState<DashCheckReferenceQuery["checkChartReference"] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(
        (await client.request(DashCheckReferenceDocument, { registryId, chart, version }))
          .checkChartReference,
      );
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="reference-title">
      <h2 id="reference-title">Chart reference check</h2>
      <p className="muted small">
        Checks that a registry hosts a chart name and version. Protected registries are asked
        directly; nothing is stored.
      </p>
      <div className="grid">
        <div className="field">
          <label htmlFor="ref-registry">Registry</label>
          <RegistrySelect
            id="ref-registry"
            label="Registry"
            value={registryId}
            onChange={setRegistryId}
          />
        </div>
        <div className="field">
          <label htmlFor="ref-chart">Chart</label>
          <input id="ref-chart" value={chart} required onChange={(e) => setChart(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="ref-version">Version</label>
          <input
            id="ref-version"
            value={version}
            required
            onChange={(e) => setVersion(e.target.value)}
          />
        </div>
      </div>
      <button type="submit" className="primary" disabled={busy}>
        Check reference
      </button>
      <ErrorNote error={error} />
      {result ? (
        <p role="status" className="result">
          <Status value={result.status} /> {result.message}
          {result.errorCode ? <code className="code">{result.errorCode}</code> : null}
        </p>
      ) : null}
    </form>
  );
}

interface Layer {
  registryId: string;
  name: string;
  version: string;
}

/** Checks a profile's layers: each resolves, and pack constraints hold between them. */
function ProfileCheck(): ReactNode {
  const [layers, setLayers] = useState<Layer[]>([{ registryId: "", name: "", version: "" }]);
  const [result, setResult] = useState<DashProfileCheckQuery["validateProfileLayers"] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const update = (index: number, patch: Partial<Layer>) =>
    setLayers((old) => old.map((layer, i) => (i === index ? { ...layer, ...patch } : layer)));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setResult(null);
    try {
      setResult((await client.request(DashProfileCheckDocument, { layers })).validateProfileLayers);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="profile-title">
      <h2 id="profile-title">Profile layer check</h2>
      <p className="muted small">
        Each layer is a chart or pack and a version (or range); the check resolves them and the
        packs' constraints against each other.
      </p>
      {layers.map((layer, index) => (
        <fieldset key={index} className="layer">
          <legend>Layer {index + 1}</legend>
          <div className="grid">
            <div className="field">
              <label htmlFor={`layer-${index}-registry`}>Registry</label>
              <RegistrySelect
                id={`layer-${index}-registry`}
                label={`Registry of layer ${index + 1}`}
                value={layer.registryId}
                onChange={(registryId) => update(index, { registryId })}
              />
            </div>
            <div className="field">
              <label htmlFor={`layer-${index}-name`}>Name</label>
              <input
                id={`layer-${index}-name`}
                value={layer.name}
                required
                onChange={(e) => update(index, { name: e.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor={`layer-${index}-version`}>Version</label>
              <input
                id={`layer-${index}-version`}
                value={layer.version}
                required
                onChange={(e) => update(index, { version: e.target.value })}
              />
            </div>
          </div>
          {layers.length > 1 ? (
            <button
              type="button"
              onClick={() => setLayers((old) => old.filter((_, i) => i !== index))}
            >
              Remove layer {index + 1}
            </button>
          ) : null}
        </fieldset>
      ))}
      <div className="buttons">
        <button
          type="button"
          onClick={() => setLayers((old) => [...old, { registryId: "", name: "", version: "" }])}
        >
          Add layer
        </button>
        <button type="submit" className="primary">
          Check profile
        </button>
      </div>
      <ErrorNote error={error} />
      {result ? (
        <div role="status">
          <p>
            <Status value={result.valid ? "VALID" : "INVALID"} />
          </p>
          <ul>
            {result.layers.map((l) => (
              <li key={l.index}>
                <strong>
                  {l.name} {l.version}
                </strong>{" "}
                <Status value={l.status} /> {l.resolvedVersion ? `→ ${l.resolvedVersion} ` : ""}
                {l.message}
                {l.violations.length ? (
                  <ul>
                    {l.violations.map((v, i) => (
                      <li key={i}>
                        <code>{v.kind}</code> {v.message}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </form>
  );
}

export function ChecksView(): ReactNode {
  return (
    <section aria-labelledby="checks-title">
      <h1 id="checks-title">Checks</h1>
      <ReferenceCheck />
      <ProfileCheck />
    </section>
  );
}
