import "./styles.css";
import { StrictMode, useEffect, useState, type FormEvent, type ReactNode } from "react";
import { createRoot } from "react-dom/client";
import { ChartPage, ChartsView, VersionPage } from "./charts";
import { ChecksView } from "./checks";
import { client } from "./client";
import { LiveProgressProvider, useLive } from "./live";
import { RegistriesView, RegistryDetail } from "./registries";
import { Dialog, useRoute } from "./ui";

/** Sign-in with a bearer token (sent on HTTP and in the graphql-ws connection parameters). */
function SignIn(props: { onClose: () => void }): ReactNode {
  const [token, setToken] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    client.setToken(token);
    props.onClose();
  };
  return (
    <Dialog title="Sign in" onClose={props.onClose}>
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor="token">Bearer token</label>
          <textarea
            id="token"
            rows={4}
            value={token}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setToken(e.target.value)}
            aria-describedby="token-hint"
          />
          <small id="token-hint" className="hint">
            A token your identity provider issued for this gateway. It is kept in this tab only.
          </small>
        </div>
        <div className="buttons">
          <button type="submit" className="primary">
            Sign in
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function Page(): ReactNode {
  const route = useRoute();
  const path = route.split("?")[0];
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  if (parts[0] === "registries" && parts[1]) return <RegistryDetail key={parts[1]} id={parts[1]} />;
  if (parts[0] === "charts" && parts[1] && parts[2]) {
    return <ChartPage key={`${parts[1]}/${parts[2]}`} registryId={parts[1]} name={parts[2]} />;
  }
  if (parts[0] === "charts") return <ChartsView key={route} />;
  if (parts[0] === "versions" && parts[1]) return <VersionPage key={parts[1]} id={parts[1]} />;
  if (parts[0] === "checks") return <ChecksView />;
  return <RegistriesView />;
}

function Connection(): ReactNode {
  const live = useLive();
  return (
    <span className={`connection ${live.connected ? "on" : "off"}`} role="status">
      {live.connected ? "Live" : "Connecting…"}
    </span>
  );
}

function App(): ReactNode {
  const route = useRoute();
  const [signingIn, setSigningIn] = useState(false);
  const [signedIn, setSignedIn] = useState(client.signedIn);
  const [needsToken, setNeedsToken] = useState(false);
  useEffect(
    () =>
      client.onAuthChange((event) => {
        setSignedIn(client.signedIn);
        setNeedsToken(event === "unauthenticated");
      }),
    [],
  );
  const current = (prefix: string) =>
    (prefix === "/" ? route === "/" || route.startsWith("/registries") : route.startsWith(prefix))
      ? "page"
      : undefined;
  return (
    <LiveProgressProvider>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <span className="brand">Registry catalog gateway</span>
        <nav aria-label="Main">
          <a href="#/" aria-current={current("/")}>
            Registries
          </a>
          <a href="#/charts" aria-current={current("/charts")}>
            Charts
          </a>
          <a href="#/checks" aria-current={current("/checks")}>
            Checks
          </a>
          <a href="/graphql">GraphQL IDE</a>
        </nav>
        <Connection />
        {signedIn ? (
          <button type="button" onClick={() => client.setToken(null)}>
            Sign out
          </button>
        ) : (
          <button type="button" onClick={() => setSigningIn(true)}>
            Sign in
          </button>
        )}
      </header>
      {needsToken && !signedIn ? (
        <p className="banner" role="alert">
          This gateway requires a bearer token.{" "}
          <button type="button" className="link" onClick={() => setSigningIn(true)}>
            Sign in
          </button>
        </p>
      ) : null}
      <main id="main" tabIndex={-1} key={signedIn ? "in" : "out"}>
        <Page />
      </main>
      {signingIn ? <SignIn onClose={() => setSigningIn(false)} /> : null}
    </LiveProgressProvider>
  );
}

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
