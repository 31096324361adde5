import type { PackDependency, PackLayer } from "../../providers/pack/pack-model";
import type { PackVersionInfo } from "../../providers/provider";
import { type CatalogService } from "../catalog/catalog.service";
import { idOfType } from "../ids";
import { checkProfileConstraints, type ConstraintViolation } from "./profile-check";
import { type ReferenceService } from "./reference.service";
import { type RegistryService } from "../registries/registry.service";
import { type Viewer } from "../../access/viewer";

/** One requested layer. */
export interface LayerRequest {
  registryId: string;
  name: string;
  version: string;
}

/** One layer resolved and checked. */
export interface LayerOutcome {
  index: number;
  registryId: string;
  name: string;
  version: string;
  resolvedVersion: string | null;
  status: "VERIFIED" | "NOT_FOUND" | "UNVERIFIABLE";
  message: string;
  layer: PackLayer | null;
  violations: ConstraintViolation[];
}

/** A resolved layer before the constraint check. */
interface Resolved {
  outcome: Omit<LayerOutcome, "violations">;
  dependencies: PackDependency[];
}

/**
 * Checks a cluster profile's layers: each one resolved in its registry (the catalog for
 * synchronized registries, a targeted lookup for protected ones), then every pack constraint
 * checked against the other layers.
 */
export class ProfileService {
  constructor(
    private readonly registries: RegistryService,
    private readonly catalog: CatalogService,
    private readonly references: ReferenceService,
  ) {}

  async validate(viewer: Viewer, layers: LayerRequest[]): Promise<LayerOutcome[]> {
    const resolved = await Promise.all(
      layers.map((layer, index) => this.resolve(viewer, layer, index)),
    );
    const violations = checkProfileConstraints(
      resolved.map(({ outcome, dependencies }) => ({
        index: outcome.index,
        name: outcome.name,
        version: outcome.resolvedVersion,
        layer: outcome.layer,
        dependencies,
      })),
    );
    return resolved.map(({ outcome }, i) => ({ ...outcome, violations: violations[i] }));
  }

  private async resolve(viewer: Viewer, request: LayerRequest, index: number): Promise<Resolved> {
    const base = {
      index,
      registryId: request.registryId,
      name: request.name,
      version: request.version,
    };
    const notFound = (message: string): Resolved => ({
      outcome: { ...base, resolvedVersion: null, status: "NOT_FOUND", message, layer: null },
      dependencies: [],
    });
    const registry = await this.registries.findVisible(
      viewer,
      idOfType(request.registryId, "Registry") ?? "",
    );
    if (!registry) return notFound("The registry does not exist or is not visible to you.");

    if (registry.protected || !registry.lastSyncedAt) {
      // No catalog: ask the registry for exactly this name and version.
      const result = await this.references.check(registry, request.name, request.version);
      const pack = result.record?.pack;
      return {
        outcome: {
          ...base,
          resolvedVersion: result.status === "VERIFIED" ? request.version : null,
          // A layer Helm could not download is not there for a profile.
          status: result.status === "NOT_DOWNLOADABLE" ? "NOT_FOUND" : result.status,
          message: result.message,
          layer: pack?.layer ?? null,
        },
        dependencies: pack?.dependencies ?? [],
      };
    }
    const [chart] = await this.catalog.chartsByName([
      { registryId: registry.id, name: request.name },
    ]);
    if (!chart) return notFound(`"${registry.name}" has no chart or pack "${request.name}".`);
    let row;
    try {
      row = await this.catalog.resolveVersion(Number(chart.id), request.version, false, chart.kind);
    } catch {
      row = null;
    }
    if (!row) {
      return notFound(
        `${request.name} has no version matching "${request.version}" in "${registry.name}".`,
      );
    }
    const pack = row.pack ? (JSON.parse(row.pack) as PackVersionInfo) : null;
    return {
      outcome: {
        ...base,
        resolvedVersion: row.version,
        status: "VERIFIED",
        message:
          row.version === request.version
            ? `${request.name} ${row.version} is in the catalog of "${registry.name}".`
            : `${request.name} ${request.version} resolves to ${row.version} in "${registry.name}".`,
        layer: (pack?.layer ?? chart.layer ?? null) as PackLayer | null,
      },
      dependencies: pack?.dependencies ?? [],
    };
  }
}
