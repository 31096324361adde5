import { mkdtempSync, rmSync } from "node:fs";
import * as http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  AddHelmRegistryDocument,
  ChartsDocument,
  RegistriesDocument,
  ValidateHelmRegistryDocument,
  ValidateOciRegistryDocument,
  ValidatePackRegistryDocument,
} from "../__generated__/graphql";
import { ConfigError } from "../../src/config/config";
import { fixturePath } from "../helpers/fixtures";
import { errorCode, startTestGateway, type TestGateway } from "../helpers/gateway";
import { startGatewayProcess } from "../helpers/gateway-process";
import { FixtureServer, redirect, respond, serveFile } from "../helpers/http-fixture-server";
import { syncAndWait } from "../helpers/sync";

const INDEX = fixturePath("helm", "spectrocloud", "index.yaml");

/**
 * An HTTP registry on another loopback address (127.0.0.2) that serves a valid index on every
 * path, so that only the network policy can stop a request to it. Counts TCP connections: zero
 * means not a byte was sent there.
 */
interface Trap {
  port: number;
  connections: number;
  close(): Promise<void>;
}

async function startTrap(host: string): Promise<Trap> {
  const sockets = new Set<Socket>();
  const server = http.createServer(serveFile(INDEX));
  const trap = { port: 0, connections: 0, close: () => Promise.resolve() };
  server.on("connection", (socket: Socket) => {
    trap.connections++;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  trap.port = (server.address() as AddressInfo).port;
  trap.close = async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return trap;
}

let server: FixtureServer;
let trap: Trap;

beforeAll(async () => {
  server = await FixtureServer.start();
  trap = await startTrap("127.0.0.2");
});

afterAll(async () => {
  await server.close();
  await trap.close();
});

/** `http://<host>:<port of the 127.0.0.1 fixture server><path>` */
function onServerPort(host: string, urlPath = ""): string {
  return `http://${host}:${new URL(server.origin).port}${urlPath}`;
}

describe("with REGISTRY_NETWORK_ALLOWLIST=127.0.0.1/32", () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({ REGISTRY_NETWORK_ALLOWLIST: "127.0.0.1/32" });
  });

  afterAll(async () => {
    await t.close();
  });

  async function expectRefused(endpoint: string, shown: string): Promise<void> {
    const input = { name: "refused", endpoint };
    const { validateHelmRegistry } = await t.ok(ValidateHelmRegistryDocument, { input });
    expect(validateHelmRegistry).toMatchObject({ valid: false, errorCode: "ADDRESS_NOT_ALLOWED" });
    expect(validateHelmRegistry.message).toContain(shown);
    expect(validateHelmRegistry.message).toContain("REGISTRY_NETWORK_ALLOWLIST");
    const added = await t.exec(AddHelmRegistryDocument, { input });
    expect(errorCode(added)).toBe("REGISTRY_VALIDATION_FAILED");
    expect(added.errors?.[0]?.extensions?.reason).toBe("ADDRESS_NOT_ALLOWED");
    expect(added.errors?.[0]?.message).toContain(shown);
    const { registries } = await t.ok(RegistriesDocument, { search: "refused" });
    expect(registries.totalCount).toBe(0);
  }

  it("accepts a registry on the allowlisted address", async () => {
    server.route("/allowed/index.yaml", serveFile(INDEX));
    const { validateHelmRegistry } = await t.ok(ValidateHelmRegistryDocument, {
      input: { name: "allowed", endpoint: server.url("/allowed") },
    });
    expect(validateHelmRegistry).toMatchObject({ valid: true, errorCode: null });
  });

  it("refuses a registry on 127.0.0.2 without connecting to it", async () => {
    await expectRefused(`http://127.0.0.2:${trap.port}/`, "127.0.0.2: it is a loopback address");
    expect(trap.connections).toBe(0);
  });

  it("refuses 127.0.0.2 written as an IPv4-mapped IPv6 address", async () => {
    await expectRefused(`http://[::ffff:127.0.0.2]:${trap.port}`, "(IPv4 127.0.0.2)");
    expect(trap.connections).toBe(0);
  });

  it("refuses localhost, which is not allowlisted by name (it is also ::1)", async () => {
    server.route("/local/index.yaml", serveFile(INDEX));
    await expectRefused(onServerPort("localhost", "/local"), "localhost: it resolves to ::1");
    expect(server.requestsTo("/local/index.yaml")).toHaveLength(0);
  });

  it("refuses the cloud metadata addresses, for every kind of registry", async () => {
    await expectRefused("http://169.254.169.254/", "169.254.169.254: it is the cloud metadata");
    await expectRefused("http://[fd00:ec2::254]/", "fd00:ec2::254: it is the cloud metadata");
    const oci = await t.ok(ValidateOciRegistryDocument, {
      input: { name: "oci", endpoint: "http://169.254.169.254", baseContentPaths: ["charts"] },
    });
    expect(oci.validateOciRegistry).toMatchObject({
      valid: false,
      errorCode: "ADDRESS_NOT_ALLOWED",
    });
    const pack = await t.ok(ValidatePackRegistryDocument, {
      input: { name: "pack", endpoint: "https://169.254.169.254" },
    });
    expect(pack.validatePackRegistry).toMatchObject({
      valid: false,
      errorCode: "ADDRESS_NOT_ALLOWED",
    });
  });

  it("refuses an OCI token service on 127.0.0.2 named by the registry", async () => {
    server.route(
      "/v2/",
      respond(401, "", {
        "www-authenticate": `Bearer realm="http://127.0.0.2:${trap.port}/token",service="registry"`,
      }),
    );
    const { validateOciRegistry } = await t.ok(ValidateOciRegistryDocument, {
      input: { name: "realm", endpoint: server.origin, baseContentPaths: ["charts"] },
    });
    expect(validateOciRegistry).toMatchObject({ valid: false, errorCode: "ADDRESS_NOT_ALLOWED" });
    expect(validateOciRegistry.message).toContain("127.0.0.2: it is a loopback address");
    expect(server.requestsTo("/v2/").length).toBeGreaterThan(0);
    expect(trap.connections).toBe(0);
  });

  it("refuses a redirect to 127.0.0.2: validation fails, a sync fails and keeps the catalog", async () => {
    server.route("/moving/index.yaml", serveFile(INDEX));
    const { addHelmRegistry: registry } = await t.ok(AddHelmRegistryDocument, {
      input: { name: "moving", endpoint: server.url("/moving") },
    });
    const first = await syncAndWait(t, registry.id);
    expect(first.status).toBe("SUCCEEDED");
    const before = await t.ok(ChartsDocument, { id: registry.id, first: 100 });
    expect(before.registry!.charts.totalCount).toBeGreaterThan(0);

    const target = `http://127.0.0.2:${trap.port}/index.yaml`;
    server.route("/moving/index.yaml", redirect(target));
    const { validateHelmRegistry } = await t.ok(ValidateHelmRegistryDocument, {
      input: { name: "moving-check", endpoint: server.url("/moving") },
    });
    expect(validateHelmRegistry.errorCode).toBe("ADDRESS_NOT_ALLOWED");

    const run = await syncAndWait(t, registry.id);
    expect(run.status).toBe("FAILED");
    expect(run.error?.code).toBe("ADDRESS_NOT_ALLOWED");
    expect(run.error?.message).toContain("127.0.0.2");
    expect(run.error?.message).not.toContain("/index.yaml");
    expect(trap.connections).toBe(0);
    const after = await t.ok(ChartsDocument, { id: registry.id, first: 100 });
    expect(after.registry!.charts).toEqual(before.registry!.charts);
  });
});

describe("allowlisting by host name", () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({ REGISTRY_NETWORK_ALLOWLIST: "localhost" });
    server.route("/named/index.yaml", serveFile(INDEX));
  });

  afterAll(async () => {
    await t.close();
  });

  it("lets the name through whatever it resolves to, but not the address itself", async () => {
    const byName = await t.ok(ValidateHelmRegistryDocument, {
      input: { name: "named", endpoint: onServerPort("localhost", "/named") },
    });
    expect(byName.validateHelmRegistry).toMatchObject({ valid: true, errorCode: null });
    const byAddress = await t.ok(ValidateHelmRegistryDocument, {
      input: { name: "named", endpoint: server.url("/named") },
    });
    expect(byAddress.validateHelmRegistry.errorCode).toBe("ADDRESS_NOT_ALLOWED");
  });
});

describe("the policy is always on", () => {
  it("refuses loopback registries when nothing is allowlisted", async () => {
    const t = await startTestGateway({ REGISTRY_NETWORK_ALLOWLIST: "" });
    try {
      server.route("/default/index.yaml", serveFile(INDEX));
      const { validateHelmRegistry } = await t.ok(ValidateHelmRegistryDocument, {
        input: { name: "default", endpoint: server.url("/default") },
      });
      expect(validateHelmRegistry.errorCode).toBe("ADDRESS_NOT_ALLOWED");
      expect(server.requestsTo("/default/index.yaml")).toHaveLength(0);
    } finally {
      await t.close();
    }
  });

  it("stops start-up on an invalid allowlist entry, naming the setting", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "gateway-allowlist-"));
    try {
      const started = startTestGateway(
        { REGISTRY_NETWORK_ALLOWLIST: "10.0.0.0/8, 10.0.0.0/33" },
        dir,
      );
      await expect(started).rejects.toThrow(ConfigError);
      await expect(started).rejects.toThrow(
        'REGISTRY_NETWORK_ALLOWLIST: "10.0.0.0/33" has a prefix length',
      );
      const child = startGatewayProcess({
        DATABASE_URL: `sqlite:${path.join(dir, "gateway.sqlite")}`,
        REGISTRY_NETWORK_ALLOWLIST: "registry.internal:5000",
      });
      await expect(child).rejects.toThrow(
        /REGISTRY_NETWORK_ALLOWLIST: "registry\.internal:5000" is neither a CIDR/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
