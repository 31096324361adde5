import * as net from "node:net";

/**
 * A TCP front on 127.0.0.1 that passes each new connection, bytes unchanged, to the backend
 * port currently selected. TLS goes through untouched, so switching the backend changes the
 * certificate a client sees on the same address (a registry whose certificate is replaced).
 */
export class TcpSwitch {
  private readonly sockets = new Set<net.Socket>();
  private target: number;
  private port_ = 0;

  private constructor(
    private readonly server: net.Server,
    initialPort: number,
  ) {
    this.target = initialPort;
  }

  /** Starts the front on a free port, forwarding to `backendPort`. */
  static async start(backendPort: number): Promise<TcpSwitch> {
    const server = net.createServer();
    const front = new TcpSwitch(server, backendPort);
    server.on("connection", (client: net.Socket) => front.forward(client));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    front.port_ = (server.address() as net.AddressInfo).port;
    return front;
  }

  /** The front's port. */
  get port(): number {
    return this.port_;
  }

  /**
   * Sends new connections to `backendPort`; open ones are closed, so that no pooled
   * connection to the previous backend is reused.
   */
  switchTo(backendPort: number): void {
    this.target = backendPort;
    for (const socket of this.sockets) socket.destroy();
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private forward(client: net.Socket): void {
    const upstream = net.connect(this.target, "127.0.0.1");
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
      socket.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  }
}
