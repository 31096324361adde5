// Watches a registry's sync runs live over graphql-ws and starts one:
//   node examples/watch-sync.js <registry id> [ws://127.0.0.1:4000/graphql]
const { createClient } = require("graphql-ws");
const WebSocket = require("ws");

const [registryId, url = "ws://127.0.0.1:4000/graphql"] = process.argv.slice(2);
if (!registryId) {
  console.error("usage: node examples/watch-sync.js <registry id> [ws url]");
  process.exit(2);
}
const client = createClient({ url, webSocketImpl: WebSocket });

async function main() {
  const progress = client.iterate({
    query: `subscription ($id: ID) {
      syncProgress(registryId: $id) { runId status phase done total ratePerSecond message
        counts { chartsSeen versionsSeen versionsAdded versionsRemoved versionsSkipped } } }`,
    variables: { id: registryId },
  });
  // Start a run once the subscription is open (a run in flight is joined, not duplicated).
  setTimeout(() => {
    client.subscribe(
      {
        query: "mutation ($id: ID!) { syncRegistry(id: $id) { id status } }",
        variables: { id: registryId },
      },
      {
        next: ({ data, errors }) => console.log("requested:", JSON.stringify(data ?? errors)),
        error: console.error,
        complete: () => {},
      },
    );
  }, 200);
  for await (const { data, errors } of progress) {
    if (errors) throw new Error(JSON.stringify(errors));
    const p = data.syncProgress;
    const work = p.total ? `${p.done ?? 0}/${p.total}` : (p.done ?? "");
    console.log(
      `${p.status.padEnd(9)} ${p.phase.padEnd(10)} ${String(work).padEnd(16)} ${p.message ?? ""}`,
    );
    if (["SUCCEEDED", "FAILED", "CANCELLED", "INTERRUPTED"].includes(p.status)) {
      console.log("counts:", JSON.stringify(p.counts));
      break;
    }
  }
  await client.dispose();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
