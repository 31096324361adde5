import { type TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import { createClient, type Client } from "graphql-ws";

/** One error of a GraphQL response, as the gateway shapes it. */
export interface ApiError {
  message: string;
  path?: readonly (string | number)[];
  extensions?: { code?: string; field?: string; reason?: string; [key: string]: unknown };
}

/** A response with errors (or a transport failure, as one error with code NETWORK_ERROR). */
export class GraphqlRequestError extends Error {
  constructor(readonly errors: readonly ApiError[]) {
    super(errors.map((e) => e.message).join("; "));
  }
  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }
}

const TOKEN_KEY = "gateway.token";
/** Why the authentication state changed: a new token, or the gateway refused the request. */
export type AuthEvent = "token" | "unauthenticated";
type Listener = (event: AuthEvent) => void;

/**
 * The dashboard's GraphQL client: queries and mutations over HTTP (`POST /graphql`), subscriptions
 * over graphql-ws on the same origin. The bearer token, when signed in, goes in the
 * `Authorization` header and in the graphql-ws connection parameters; it lives in session storage
 * (gone with the tab).
 */
export class GatewayClient {
  private ws: Client | null = null;
  private token: string | null = sessionStorage.getItem(TOKEN_KEY);
  private readonly authListeners = new Set<Listener>();
  private readonly documents = new WeakMap<object, string>();
  private readonly socketListeners = new Set<(connected: boolean) => void>();

  private socketChanged(connected: boolean): void {
    for (const listener of this.socketListeners) listener(connected);
  }

  /** Told when the graphql-ws connection opens or closes. */
  onSocket(listener: (connected: boolean) => void): () => void {
    this.socketListeners.add(listener);
    return () => this.socketListeners.delete(listener);
  }

  get signedIn(): boolean {
    return this.token !== null;
  }

  setToken(token: string | null): void {
    this.token = token && token.trim() ? token.trim() : null;
    if (this.token) sessionStorage.setItem(TOKEN_KEY, this.token);
    else sessionStorage.removeItem(TOKEN_KEY);
    // Subscriptions reconnect with the new token.
    void this.ws?.dispose();
    this.ws = null;
    for (const listener of this.authListeners) listener("token");
  }

  onAuthChange(listener: Listener): () => void {
    this.authListeners.add(listener);
    return () => this.authListeners.delete(listener);
  }

  private text(document: TypedDocumentNode<unknown, never>): string {
    let text = this.documents.get(document);
    if (!text) {
      text = print(document);
      this.documents.set(document, text);
    }
    return text;
  }

  async request<TData, TVars>(
    document: TypedDocumentNode<TData, TVars>,
    variables: TVars,
  ): Promise<TData> {
    const headers: Record<string, string> = {
      "content-type": "application/json",
      accept: "application/graphql-response+json, application/json",
    };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    let response: Response;
    try {
      response = await fetch("/graphql", {
        method: "POST",
        headers,
        body: JSON.stringify({
          query: this.text(document as TypedDocumentNode<unknown, never>),
          variables,
        }),
      });
    } catch {
      throw new GraphqlRequestError([
        { message: "The gateway cannot be reached.", extensions: { code: "NETWORK_ERROR" } },
      ]);
    }
    let body: { data?: TData | null; errors?: ApiError[] };
    try {
      body = (await response.json()) as typeof body;
    } catch {
      throw new GraphqlRequestError([
        {
          message: `The gateway answered ${response.status} without a GraphQL body.`,
          extensions: { code: "NETWORK_ERROR" },
        },
      ]);
    }
    if (body.errors?.length) {
      const error = new GraphqlRequestError(body.errors);
      if (error.code === "UNAUTHENTICATED") {
        for (const listener of this.authListeners) listener("unauthenticated");
      }
      throw error;
    }
    return body.data as TData;
  }

  /** Subscribes; returns the function that ends the subscription. */
  subscribe<TData, TVars>(
    document: TypedDocumentNode<TData, TVars>,
    variables: TVars,
    handlers: { next: (data: TData) => void; error?: (error: unknown) => void },
  ): () => void {
    if (!this.ws) {
      const url = new URL("/graphql", window.location.href);
      url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
      const token = this.token;
      // Events of a client replaced since (a new token) are not this client's state.
      const created: Client = createClient({
        url: url.toString(),
        lazy: true,
        retryAttempts: Infinity,
        shouldRetry: () => true,
        connectionParams: () => (token ? { authorization: `Bearer ${token}` } : {}),
        on: {
          connected: () => this.ws === created && this.socketChanged(true),
          closed: () => this.ws === created && this.socketChanged(false),
        },
      });
      this.ws = created;
    }
    return this.ws.subscribe<TData>(
      {
        query: this.text(document as TypedDocumentNode<unknown, never>),
        variables: variables as Record<string, unknown>,
      },
      {
        next: (result) => {
          if (result.errors?.length) handlers.error?.(new GraphqlRequestError(result.errors));
          else if (result.data) handlers.next(result.data as TData);
        },
        error: (error) => handlers.error?.(error),
        complete: () => undefined,
      },
    );
  }
}

export const client = new GatewayClient();

/** Field paths (as the gateway names them, e.g. `endpoint`, `auth.password`) to messages. */
export type FieldErrors = Record<string, string>;

/**
 * Where a registry check failure belongs: credentials for AUTH_FAILED and FORBIDDEN, TLS for TLS,
 * the endpoint otherwise.
 */
export function fieldOfReason(reason: string | null | undefined): string {
  if (reason === "AUTH_FAILED" || reason === "FORBIDDEN") return "auth";
  if (reason === "TLS") return "tls";
  return "endpoint";
}

/** The errors of a failed request by field; `_form` holds those that name no field. */
export function fieldErrorsOf(error: unknown): FieldErrors {
  if (!(error instanceof GraphqlRequestError)) {
    return { _form: error instanceof Error ? error.message : String(error) };
  }
  const out: FieldErrors = {};
  for (const e of error.errors) {
    const ext = e.extensions ?? {};
    let field = typeof ext.field === "string" ? ext.field : undefined;
    if (!field && ext.code === "REGISTRY_VALIDATION_FAILED") field = fieldOfReason(ext.reason);
    if (!field && ext.code === "NAME_TAKEN") field = "name";
    const key = field ?? "_form";
    const text = ext.code ? `${e.message} (${ext.code})` : e.message;
    out[key] = out[key] ? `${out[key]} ${text}` : text;
  }
  return out;
}
