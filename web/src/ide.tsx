import "graphiql/setup-workers/vite";
import "graphiql/style.css";
import { createGraphiQLFetcher } from "@graphiql/toolkit";
import { GraphiQL } from "graphiql";
import { createClient } from "graphql-ws";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

/**
 * GraphiQL served by the gateway itself (no CDN): queries and mutations over HTTP, subscriptions
 * over graphql-ws on the same origin. The dashboard's bearer token, when signed in, is sent on
 * both; other headers can be set in GraphiQL's headers editor.
 */
const token = sessionStorage.getItem("gateway.token");
const authorization = token ? { authorization: `Bearer ${token}` } : undefined;
const wsUrl = new URL("/graphql", window.location.href);
wsUrl.protocol = wsUrl.protocol === "https:" ? "wss:" : "ws:";

const fetcher = createGraphiQLFetcher({
  url: new URL("/graphql", window.location.href).toString(),
  headers: authorization,
  wsClient: createClient({
    url: wsUrl.toString(),
    lazy: true,
    connectionParams: authorization ?? {},
  }),
});

const DEFAULT_QUERY = `# The gateway's GraphQL API. Press the run button (or Ctrl-Enter).
query Registries {
  registries(first: 20) {
    totalCount
    edges {
      node {
        id
        name
        kind
        syncStatus
        lastSyncedAt
      }
    }
  }
}
`;

/** `/graphql#query=…` opens the IDE on that operation (the dashboard links to it). */
const linked = new URLSearchParams(window.location.hash.slice(1)).get("query") ?? undefined;

createRoot(document.getElementById("ide")!).render(
  <StrictMode>
    <GraphiQL fetcher={fetcher} defaultQuery={DEFAULT_QUERY} initialQuery={linked} />
  </StrictMode>,
);
