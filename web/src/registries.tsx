import { useEffect, useState, type FormEvent, type ReactNode } from "react";
import {
  DashAddHelmDocument,
  DashAddOciDocument,
  DashAddPackDocument,
  DashCancelDocument,
  DashDeleteDocument,
  DashRegistriesDocument,
  DashRegistryDocument,
  DashSyncDocument,
  DashUpdateHelmDocument,
  DashUpdateOciDocument,
  DashUpdatePackDocument,
  DashValidateHelmDocument,
  DashValidateOciDocument,
  DashValidatePackDocument,
  type DashRegistryFragment,
  type DashRunFragment,
  type RegistryKind,
} from "./__generated__/graphql";
import { client, fieldErrorsOf, fieldOfReason, type FieldErrors } from "./client";
import { isTerminal, useLive, type Progress } from "./live";
import {
  bytes,
  Dialog,
  ErrorNote,
  Field,
  go,
  Pager,
  ProgressBar,
  Status,
  useQuery,
  usePager,
  when,
} from "./ui";

const KINDS: { value: RegistryKind | ""; label: string }[] = [
  { value: "", label: "All kinds" },
  { value: "HELM", label: "Helm" },
  { value: "OCI", label: "OCI" },
  { value: "PACK", label: "Pack" },
];

/** Live progress of a registry's run: bar, phase, counts and rate, as the subscription pushes. */
export function LiveProgress(props: { progress: Progress; name: string }): ReactNode {
  const { progress } = props;
  const finished = isTerminal(progress.status);
  const c = progress.counts;
  return (
    <div className="live" data-registry={progress.registryId} data-status={progress.status}>
      <ProgressBar
        label={`Sync of ${props.name}`}
        done={progress.done ?? null}
        total={progress.total ?? null}
        finished={finished}
      />
      <p className="live-text" aria-live="polite">
        <Status value={finished ? progress.status : progress.phase} />{" "}
        {progress.done !== null && progress.done !== undefined && !finished ? (
          <span>
            {progress.done}
            {progress.total ? ` / ${progress.total}` : ""}
          </span>
        ) : null}{" "}
        {progress.ratePerSecond && !finished ? (
          <span className="rate">{progress.ratePerSecond}/s</span>
        ) : null}{" "}
        {progress.message ? <span className="message">{progress.message}</span> : null}
      </p>
      <dl className="counts">
        <div>
          <dt>Charts seen</dt>
          <dd data-count="chartsSeen">{c.chartsSeen}</dd>
        </div>
        <div>
          <dt>Versions seen</dt>
          <dd data-count="versionsSeen">{c.versionsSeen}</dd>
        </div>
        <div>
          <dt>Added</dt>
          <dd data-count="versionsAdded">{c.versionsAdded}</dd>
        </div>
        <div>
          <dt>Updated</dt>
          <dd data-count="versionsUpdated">{c.versionsUpdated}</dd>
        </div>
        <div>
          <dt>Removed</dt>
          <dd data-count="versionsRemoved">{c.versionsRemoved}</dd>
        </div>
        <div>
          <dt>Skipped</dt>
          <dd data-count="versionsSkipped">{c.versionsSkipped}</dd>
        </div>
        <div>
          <dt>Fetched</dt>
          <dd>{bytes(progress.bytesFetched)}</dd>
        </div>
      </dl>
    </div>
  );
}

/** Starts a sync; the live progress shows through the subscription. */
function SyncButton(props: { registry: DashRegistryFragment; running: boolean }): ReactNode {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (props.registry.protected) return <span className="muted">not synchronized</span>;
  const start = async (force: boolean) => {
    setBusy(true);
    setError(null);
    try {
      await client.request(DashSyncDocument, { id: props.registry.id, force });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="sync-action">
      <button
        type="button"
        onClick={() => void start(false)}
        disabled={busy || props.running}
        aria-label={`Sync ${props.registry.name}`}
      >
        {props.running ? "Syncing…" : "Sync"}
      </button>
      {error ? <ErrorNote error={error} /> : null}
    </span>
  );
}

/** Turns a registry's schedule on or off (Helm and OCI; pack registries always synchronize). */
function SyncSwitch(props: { registry: DashRegistryFragment; onChanged: () => void }): ReactNode {
  const { registry } = props;
  const [error, setError] = useState<unknown>(null);
  const disabled = registry.kind === "PACK" || registry.isDefault || registry.protected;
  const toggle = async (checked: boolean) => {
    setError(null);
    try {
      if (registry.kind === "HELM") {
        await client.request(DashUpdateHelmDocument, {
          id: registry.id,
          input: { syncEnabled: checked },
        });
      } else if (registry.kind === "OCI") {
        await client.request(DashUpdateOciDocument, {
          id: registry.id,
          input: { syncEnabled: checked },
        });
      }
      props.onChanged();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <>
      <input
        type="checkbox"
        role="switch"
        checked={registry.syncEnabled && !registry.protected}
        disabled={disabled}
        onChange={(e) => void toggle(e.target.checked)}
        aria-label={`Scheduled sync of ${registry.name}`}
      />
      {error ? <ErrorNote error={error} /> : null}
    </>
  );
}

/** The Registries screen: every registry the viewer can see, by kind, with live sync progress. */
export function RegistriesView(): ReactNode {
  const [kind, setKind] = useState<RegistryKind | "">("");
  const [search, setSearch] = useState("");
  const pager = usePager();
  const live = useLive();
  const [editing, setEditing] = useState<DashRegistryFragment | "new" | null>(null);
  const query = useQuery(DashRegistriesDocument, {
    kind: kind || null,
    search: search.trim() || null,
    first: 25,
    after: pager.after,
  });
  const { reload } = query;
  useEffect(() => reload(), [live.generation, reload]);
  const connection = query.data?.registries;
  return (
    <section aria-labelledby="registries-title">
      <div className="toolbar">
        <h1 id="registries-title">Registries</h1>
        <button type="button" className="primary" onClick={() => setEditing("new")}>
          Add registry
        </button>
      </div>
      <div className="filters" role="group" aria-label="Filter registries">
        <label>
          Kind{" "}
          <select
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as RegistryKind | "");
              pager.reset();
            }}
          >
            {KINDS.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Name{" "}
          <input
            type="search"
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              pager.reset();
            }}
          />
        </label>
        <span className="muted">{connection ? `${connection.totalCount} registries` : ""}</span>
      </div>
      <ErrorNote error={query.error} />
      {connection && connection.edges.length === 0 ? (
        <p className="empty">
          No registry yet. <strong>Add registry</strong> to connect a Helm repository, an OCI
          registry or a pack registry.
        </p>
      ) : null}
      {connection && connection.edges.length > 0 ? (
        <table className="registries">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col">Scope</th>
              <th scope="col">Protected</th>
              <th scope="col">Sync</th>
              <th scope="col">Status</th>
              <th scope="col">Last synced</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {connection.edges.map(({ node: registry }) => {
              const progress = live.byRegistry.get(registry.id);
              const running = progress ? !isTerminal(progress.status) : false;
              const status = progress && running ? progress.status : registry.syncStatus;
              return (
                <tr key={registry.id} data-registry-row={registry.name}>
                  <th scope="row">
                    <a href={`#/registries/${registry.id}`}>{registry.name}</a>
                    <div className="muted small">{registry.endpoint}</div>
                    {progress ? <LiveProgress progress={progress} name={registry.name} /> : null}
                  </th>
                  <td>{registry.kind}</td>
                  <td>{registry.scope}</td>
                  <td>{registry.protected ? "Yes" : "No"}</td>
                  <td>
                    <SyncSwitch registry={registry} onChanged={reload} />
                  </td>
                  <td>
                    <Status value={status} />
                  </td>
                  <td>{registry.protected ? "n/a" : when(registry.lastSyncedAt)}</td>
                  <td className="actions">
                    <SyncButton registry={registry} running={running} />
                    <a href={`#/charts?registry=${registry.id}`}>Charts</a>
                    {!registry.isDefault ? (
                      <button type="button" onClick={() => setEditing(registry)}>
                        Edit
                      </button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {connection ? (
        <Pager
          label="Registry pages"
          page={pager.page}
          hasNext={connection.pageInfo.hasNextPage}
          onNext={() => pager.next(connection.pageInfo.endCursor)}
          onPrevious={pager.previous}
        />
      ) : null}
      {editing ? (
        <RegistryForm
          registry={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(id) => {
            setEditing(null);
            reload();
            if (id) go(`/registries/${id}`);
          }}
        />
      ) : null}
    </section>
  );
}

interface FormState {
  kind: RegistryKind;
  name: string;
  endpoint: string;
  scope: "TENANT" | "SYSTEM";
  protected: boolean;
  syncEnabled: boolean;
  authType: "NONE" | "BASIC" | "TOKEN";
  username: string;
  password: string;
  token: string;
  insecureSkipVerify: boolean;
  caCertificate: string;
  providerType: "HELM" | "PACK" | "ZARF";
  ociAuthKind: "BASIC" | "ECR";
  baseContentPaths: string;
  repositories: string;
  ecrRegion: string;
  ecrAccessKeyId: string;
  ecrSecretAccessKey: string;
  ecrRoleArn: string;
  ecrExternalId: string;
}

function initialForm(registry: DashRegistryFragment | null): FormState {
  const oci = registry?.__typename === "OciRegistry" ? registry : null;
  return {
    kind: registry?.kind ?? "HELM",
    name: registry?.name ?? "",
    endpoint: registry?.endpoint ?? "",
    scope: registry?.scope ?? "TENANT",
    protected: registry?.protected ?? false,
    syncEnabled: registry?.syncEnabled ?? true,
    authType: (registry?.auth.type === "ECR" ? "NONE" : registry?.auth.type) ?? "NONE",
    username: registry?.auth.username ?? "",
    password: "",
    token: "",
    insecureSkipVerify: registry?.tls.insecureSkipVerify ?? false,
    caCertificate: "",
    providerType: oci?.providerType ?? "HELM",
    ociAuthKind: oci?.authKind ?? "BASIC",
    baseContentPaths: oci?.baseContentPaths.join(", ") ?? "",
    repositories: oci?.repositories.join(", ") ?? "",
    ecrRegion: "",
    ecrAccessKeyId: "",
    ecrSecretAccessKey: "",
    ecrRoleArn: "",
    ecrExternalId: "",
  };
}

const list = (text: string) =>
  text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** The input of an add (or validate) mutation for the form's kind. */
function addInput(f: FormState) {
  const auth =
    f.authType === "NONE"
      ? { type: "NONE" as const }
      : f.authType === "BASIC"
        ? { type: "BASIC" as const, username: f.username, password: f.password || null }
        : { type: "TOKEN" as const, token: f.token || null };
  const tls = {
    insecureSkipVerify: f.insecureSkipVerify,
    ...(f.caCertificate.trim() ? { caCertificate: f.caCertificate } : {}),
  };
  const common = { name: f.name, endpoint: f.endpoint, scope: f.scope, tls };
  if (f.kind === "PACK") return { ...common, auth };
  if (f.kind === "HELM") {
    return { ...common, auth, protected: f.protected, syncEnabled: f.syncEnabled };
  }
  const ecr = f.ociAuthKind === "ECR";
  return {
    ...common,
    protected: f.protected,
    syncEnabled: f.syncEnabled,
    providerType: f.providerType,
    authKind: f.ociAuthKind,
    baseContentPaths: list(f.baseContentPaths),
    repositories: list(f.repositories),
    ...(ecr
      ? {
          ecr: {
            region: f.ecrRegion || null,
            accessKeyId: f.ecrAccessKeyId || null,
            secretAccessKey: f.ecrSecretAccessKey || null,
            roleArn: f.ecrRoleArn || null,
            externalId: f.ecrExternalId || null,
          },
        }
      : { auth }),
  };
}

/** The input of an update mutation: what an edit may change (secrets only when typed again). */
function updateInput(f: FormState, before: DashRegistryFragment) {
  const input = addInput(f) as Record<string, unknown>;
  delete input.scope;
  if (f.kind === "PACK") {
    delete input.protected;
    delete input.syncEnabled;
  }
  delete input.providerType;
  const auth = input.auth as { type: string; password?: string | null; token?: string | null };
  // Unchanged credentials are not sent: the stored secret stays.
  if (
    auth &&
    auth.type === before.auth.type &&
    !auth.password &&
    !auth.token &&
    (auth.type !== "BASIC" || f.username === (before.auth.username ?? ""))
  ) {
    delete input.auth;
  }
  if (f.endpoint === before.endpoint) delete input.endpoint;
  // ECR fields left empty keep the stored ones.
  const ecr = input.ecr as Record<string, string | null> | undefined;
  if (ecr && Object.values(ecr).every((v) => !v)) delete input.ecr;
  return input;
}

/** Add or edit a registry; Validate checks it without saving (a dry run). */
function RegistryForm(props: {
  registry: DashRegistryFragment | null;
  onClose: () => void;
  onSaved: (id: string | null) => void;
}): ReactNode {
  const editing = props.registry;
  const [f, setF] = useState<FormState>(() => initialForm(editing));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) =>
    setF((old) => ({ ...old, [key]: value }));

  const validate = async () => {
    setBusy(true);
    setErrors({});
    setNotice(null);
    try {
      const input = addInput(f);
      const result =
        f.kind === "HELM"
          ? (await client.request(DashValidateHelmDocument, { input: input as never }))
              .validateHelmRegistry
          : f.kind === "OCI"
            ? (await client.request(DashValidateOciDocument, { input: input as never }))
                .validateOciRegistry
            : (await client.request(DashValidatePackDocument, { input: input as never }))
                .validatePackRegistry;
      if (result.valid) setNotice(`Valid: ${result.message}`);
      else {
        setErrors({
          [fieldOfReason(result.errorCode)]:
            `${result.message}${result.errorCode ? ` (${result.errorCode})` : ""}`,
        });
      }
    } catch (error) {
      setErrors(fieldErrorsOf(error));
    } finally {
      setBusy(false);
    }
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setNotice(null);
    try {
      let id: string | null = null;
      if (!editing) {
        const input = addInput(f) as never;
        id =
          f.kind === "HELM"
            ? (await client.request(DashAddHelmDocument, { input })).addHelmRegistry.id
            : f.kind === "OCI"
              ? (await client.request(DashAddOciDocument, { input })).addOciRegistry.id
              : (await client.request(DashAddPackDocument, { input })).addPackRegistry.id;
      } else {
        const input = updateInput(f, editing) as never;
        if (f.kind === "HELM")
          await client.request(DashUpdateHelmDocument, { id: editing.id, input });
        else if (f.kind === "OCI") {
          await client.request(DashUpdateOciDocument, { id: editing.id, input });
        } else await client.request(DashUpdatePackDocument, { id: editing.id, input });
        id = editing.id;
      }
      props.onSaved(id);
    } catch (error) {
      setErrors(fieldErrorsOf(error));
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (!editing) return;
    setBusy(true);
    try {
      await client.request(DashDeleteDocument, { id: editing.id });
      props.onSaved(null);
      go("/");
    } catch (error) {
      setErrors(fieldErrorsOf(error));
    } finally {
      setBusy(false);
    }
  };

  const err = (key: string) =>
    errors[key] ?? Object.entries(errors).find(([k]) => k.startsWith(`${key}.`))?.[1];

  return (
    <Dialog title={editing ? `Edit ${editing.name}` : "Add registry"} onClose={props.onClose}>
      <form onSubmit={(e) => void save(e)} noValidate aria-busy={busy}>
        <div className="grid">
          <Field label="Kind" name="kind">
            {(a) => (
              <select
                {...a}
                value={f.kind}
                disabled={Boolean(editing)}
                onChange={(e) => set("kind", e.target.value as RegistryKind)}
              >
                <option value="HELM">Helm repository</option>
                <option value="OCI">OCI registry</option>
                <option value="PACK">Pack registry (legacy)</option>
              </select>
            )}
          </Field>
          <Field label="Name" name="name" error={err("name")}>
            {(a) => (
              <input {...a} value={f.name} required onChange={(e) => set("name", e.target.value)} />
            )}
          </Field>
          <Field
            label="Endpoint"
            name="endpoint"
            error={err("endpoint")}
            hint={
              f.kind === "HELM"
                ? "The repository URL; index.yaml is read from it."
                : f.kind === "OCI"
                  ? "e.g. https://registry.example.com"
                  : "An https URL"
            }
          >
            {(a) => (
              <input
                {...a}
                type="url"
                value={f.endpoint}
                required
                onChange={(e) => set("endpoint", e.target.value)}
              />
            )}
          </Field>
          <Field label="Scope" name="scope" error={err("scope")}>
            {(a) => (
              <select
                {...a}
                value={f.scope}
                disabled={Boolean(editing)}
                onChange={(e) => set("scope", e.target.value as "TENANT" | "SYSTEM")}
              >
                <option value="TENANT">Tenant</option>
                <option value="SYSTEM">System</option>
              </select>
            )}
          </Field>
          {f.kind !== "PACK" ? (
            <>
              <Field
                label="Protected (not synchronized; references are checked live)"
                name="protected"
                error={err("protected")}
              >
                {(a) => (
                  <input
                    {...a}
                    type="checkbox"
                    checked={f.protected}
                    onChange={(e) => set("protected", e.target.checked)}
                  />
                )}
              </Field>
              <Field label="Scheduled sync" name="syncEnabled" error={err("syncEnabled")}>
                {(a) => (
                  <input
                    {...a}
                    type="checkbox"
                    checked={f.syncEnabled}
                    onChange={(e) => set("syncEnabled", e.target.checked)}
                  />
                )}
              </Field>
            </>
          ) : null}
          {f.kind === "OCI" ? (
            <>
              <Field label="Content" name="providerType" error={err("providerType")}>
                {(a) => (
                  <select
                    {...a}
                    value={f.providerType}
                    disabled={Boolean(editing)}
                    onChange={(e) =>
                      set("providerType", e.target.value as FormState["providerType"])
                    }
                  >
                    <option value="HELM">Helm charts</option>
                    <option value="PACK">Palette packs</option>
                    <option value="ZARF">Zarf packages</option>
                  </select>
                )}
              </Field>
              <Field label="Authentication kind" name="authKind" error={err("authKind")}>
                {(a) => (
                  <select
                    {...a}
                    value={f.ociAuthKind}
                    onChange={(e) => set("ociAuthKind", e.target.value as "BASIC" | "ECR")}
                  >
                    <option value="BASIC">Basic or token</option>
                    <option value="ECR">AWS ECR</option>
                  </select>
                )}
              </Field>
              <Field
                label="Base content paths"
                name="baseContentPaths"
                error={err("baseContentPaths")}
                hint="Comma-separated, e.g. charts, production/charts"
              >
                {(a) => (
                  <input
                    {...a}
                    value={f.baseContentPaths}
                    onChange={(e) => set("baseContentPaths", e.target.value)}
                  />
                )}
              </Field>
              <Field
                label="Repositories"
                name="repositories"
                error={err("repositories")}
                hint="Comma-separated; for registries without a catalog API"
              >
                {(a) => (
                  <input
                    {...a}
                    value={f.repositories}
                    onChange={(e) => set("repositories", e.target.value)}
                  />
                )}
              </Field>
            </>
          ) : null}
          {f.kind === "OCI" && f.ociAuthKind === "ECR" ? (
            <>
              <Field label="AWS region" name="ecr.region" error={err("ecr.region")}>
                {(a) => (
                  <input
                    {...a}
                    value={f.ecrRegion}
                    onChange={(e) => set("ecrRegion", e.target.value)}
                  />
                )}
              </Field>
              <Field label="Access key id" name="ecr.accessKeyId" error={err("ecr.accessKeyId")}>
                {(a) => (
                  <input
                    {...a}
                    value={f.ecrAccessKeyId}
                    autoComplete="off"
                    onChange={(e) => set("ecrAccessKeyId", e.target.value)}
                  />
                )}
              </Field>
              <Field
                label="Secret access key"
                name="ecr.secretAccessKey"
                error={err("ecr.secretAccessKey")}
                hint={editing ? "Leave empty to keep the stored key" : undefined}
              >
                {(a) => (
                  <input
                    {...a}
                    type="password"
                    autoComplete="new-password"
                    value={f.ecrSecretAccessKey}
                    onChange={(e) => set("ecrSecretAccessKey", e.target.value)}
                  />
                )}
              </Field>
              <Field label="Role ARN" name="ecr.roleArn" error={err("ecr.roleArn")}>
                {(a) => (
                  <input
                    {...a}
                    value={f.ecrRoleArn}
                    onChange={(e) => set("ecrRoleArn", e.target.value)}
                  />
                )}
              </Field>
              <Field label="External id" name="ecr.externalId" error={err("ecr.externalId")}>
                {(a) => (
                  <input
                    {...a}
                    value={f.ecrExternalId}
                    onChange={(e) => set("ecrExternalId", e.target.value)}
                  />
                )}
              </Field>
            </>
          ) : (
            <>
              <Field label="Authentication" name="auth" error={err("auth.type") ?? errors["auth"]}>
                {(a) => (
                  <select
                    {...a}
                    value={f.authType}
                    onChange={(e) => set("authType", e.target.value as FormState["authType"])}
                  >
                    <option value="NONE">None</option>
                    <option value="BASIC">Username and password</option>
                    {f.kind !== "PACK" ? <option value="TOKEN">Bearer token</option> : null}
                  </select>
                )}
              </Field>
              {f.authType === "BASIC" ? (
                <>
                  <Field label="Username" name="auth.username" error={err("auth.username")}>
                    {(a) => (
                      <input
                        {...a}
                        value={f.username}
                        autoComplete="off"
                        onChange={(e) => set("username", e.target.value)}
                      />
                    )}
                  </Field>
                  <Field
                    label="Password"
                    name="auth.password"
                    error={err("auth.password")}
                    hint={
                      editing?.auth.hasSecret
                        ? "Leave empty to keep the stored password"
                        : undefined
                    }
                  >
                    {(a) => (
                      <input
                        {...a}
                        type="password"
                        autoComplete="new-password"
                        value={f.password}
                        onChange={(e) => set("password", e.target.value)}
                      />
                    )}
                  </Field>
                </>
              ) : null}
              {f.authType === "TOKEN" ? (
                <Field
                  label="Token"
                  name="auth.token"
                  error={err("auth.token")}
                  hint={
                    editing?.auth.hasSecret ? "Leave empty to keep the stored token" : undefined
                  }
                >
                  {(a) => (
                    <input
                      {...a}
                      type="password"
                      autoComplete="new-password"
                      value={f.token}
                      onChange={(e) => set("token", e.target.value)}
                    />
                  )}
                </Field>
              ) : null}
            </>
          )}
          <Field label="Skip TLS verification" name="tls.insecureSkipVerify" error={err("tls")}>
            {(a) => (
              <input
                {...a}
                type="checkbox"
                checked={f.insecureSkipVerify}
                onChange={(e) => set("insecureSkipVerify", e.target.checked)}
              />
            )}
          </Field>
          <Field
            label="CA certificate (PEM)"
            name="tls.caCertificate"
            error={err("tls.caCertificate")}
            hint={
              editing?.tls.hasCaCertificate
                ? "Leave empty to keep the stored certificate"
                : undefined
            }
          >
            {(a) => (
              <textarea
                {...a}
                rows={3}
                value={f.caCertificate}
                onChange={(e) => set("caCertificate", e.target.value)}
              />
            )}
          </Field>
        </div>
        {errors._form ? (
          <p className="error" role="alert">
            {errors._form}
          </p>
        ) : null}
        {notice ? (
          <p className="notice" role="status">
            {notice}
          </p>
        ) : null}
        <div className="buttons">
          <button type="button" onClick={() => void validate()} disabled={busy}>
            Validate
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {editing ? "Save changes" : "Save"}
          </button>
          {editing ? (
            confirmDelete ? (
              <button
                type="button"
                className="danger"
                onClick={() => void remove()}
                disabled={busy}
              >
                Really delete {editing.name}
              </button>
            ) : (
              <button type="button" className="danger" onClick={() => setConfirmDelete(true)}>
                Delete
              </button>
            )
          ) : null}
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function RunRow({ run }: { run: DashRunFragment }): ReactNode {
  return (
    <tr data-run={run.id}>
      <td>{when(run.queuedAt)}</td>
      <td>{run.trigger}</td>
      <td>
        <Status value={run.status} />
      </td>
      <td>{run.durationMs != null ? `${(run.durationMs / 1000).toFixed(1)} s` : ""}</td>
      <td>
        {run.chartsSeen} charts, {run.versionsSeen} versions: +{run.versionsAdded} ~
        {run.versionsUpdated} −{run.versionsRemoved}
        {run.versionsSkipped ? `, ${run.versionsSkipped} skipped` : ""}
        {run.unchanged ? " (unchanged)" : ""}
      </td>
      <td>
        {run.error ? (
          <p className="error">
            <code className="code">{run.error.code}</code> {run.error.message}
          </p>
        ) : null}
        {run.warnings.length ? (
          <details>
            <summary>{run.warnings.length} warnings</summary>
            <ul>
              {run.warnings.map((w, i) => (
                <li key={i}>
                  <code>{w.code}</code>{" "}
                  {w.chart ? `${w.chart}${w.version ? ` ${w.version}` : ""}: ` : ""}
                  {w.message}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </td>
    </tr>
  );
}

/** One registry: its settings, sync button, live progress and run history. */
export function RegistryDetail(props: { id: string }): ReactNode {
  const live = useLive();
  const pager = usePager();
  const query = useQuery(DashRegistryDocument, { id: props.id, runsAfter: pager.after });
  const { reload } = query;
  useEffect(() => reload(), [live.generation, reload]);
  const [editing, setEditing] = useState(false);
  const registry = query.data?.registry;
  if (query.error) return <ErrorNote error={query.error} />;
  if (!registry) return query.loading ? <p>Loading…</p> : <p>Registry not found.</p>;
  const progress = live.byRegistry.get(registry.id);
  const running = progress ? !isTerminal(progress.status) : false;
  const runs = registry.syncRuns;
  return (
    <section aria-labelledby="registry-title">
      <p>
        <a href="#/">← Registries</a>
      </p>
      <div className="toolbar">
        <h1 id="registry-title">{registry.name}</h1>
        <SyncButton registry={registry} running={running} />
        {running && progress ? (
          <button
            type="button"
            onClick={() => void client.request(DashCancelDocument, { runId: progress.runId })}
          >
            Cancel sync
          </button>
        ) : null}
        <a className="button" href={`#/charts?registry=${registry.id}`}>
          Browse charts
        </a>
        <a
          className="button"
          href={`/graphql#query=${encodeURIComponent(
            `subscription WatchSync {\n  syncProgress(registryId: "${registry.id}") {\n    runId\n    status\n    phase\n    done\n    total\n    counts { versionsAdded versionsRemoved }\n  }\n}\n`,
          )}`}
        >
          Watch in the IDE
        </a>
        {!registry.isDefault ? (
          <button type="button" onClick={() => setEditing(true)}>
            Edit
          </button>
        ) : null}
      </div>
      <dl className="facts">
        <dt>Kind</dt>
        <dd>{registry.kind}</dd>
        <dt>Endpoint</dt>
        <dd>{registry.endpoint}</dd>
        <dt>Scope</dt>
        <dd>{registry.scope}</dd>
        <dt>Protected</dt>
        <dd>{registry.protected ? "Yes" : "No"}</dd>
        <dt>Status</dt>
        <dd>
          <Status value={running && progress ? progress.status : registry.syncStatus} />
        </dd>
        <dt>Last synced</dt>
        <dd>{registry.protected ? "n/a" : when(registry.lastSyncedAt)}</dd>
        <dt>Authentication</dt>
        <dd>
          {registry.auth.type}
          {registry.auth.username ? ` (${registry.auth.username})` : ""}
        </dd>
      </dl>
      {progress ? <LiveProgress progress={progress} name={registry.name} /> : null}
      <h2>Run history</h2>
      {runs.edges.length === 0 ? <p className="empty">No run yet.</p> : null}
      {runs.edges.length > 0 ? (
        <table className="runs">
          <thead>
            <tr>
              <th scope="col">Queued</th>
              <th scope="col">Trigger</th>
              <th scope="col">Status</th>
              <th scope="col">Duration</th>
              <th scope="col">Counts</th>
              <th scope="col">Errors and warnings</th>
            </tr>
          </thead>
          <tbody>
            {runs.edges.map(({ node }) => (
              <RunRow key={node.id} run={node} />
            ))}
          </tbody>
        </table>
      ) : null}
      <Pager
        label="Run pages"
        page={pager.page}
        hasNext={runs.pageInfo.hasNextPage}
        onNext={() => pager.next(runs.pageInfo.endCursor)}
        onPrevious={pager.previous}
      />
      {editing ? (
        <RegistryForm
          registry={registry}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            reload();
          }}
        />
      ) : null}
    </section>
  );
}
