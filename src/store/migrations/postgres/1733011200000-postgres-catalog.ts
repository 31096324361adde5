import { type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * The whole catalog schema on PostgreSQL, as one migration: the SQLite history (the migrations
 * beside this folder) never ran on PostgreSQL, which could not start before this set existed.
 * Tables and indexes are those TypeORM derives from the entities (`test/e2e/store-schema.test.ts`
 * fails when an entity changes without a migration here), plus what entities cannot say:
 *
 * - foreign keys with ON DELETE CASCADE (deleting a registry removes its charts, versions and
 *   runs; deleting a chart removes its versions), as on SQLite;
 * - `timestamp with time zone` for every instant (the entities' portable `datetime`);
 * - `chart.search_vector`: a stored generated `tsvector` over the name (weight A), the display
 *   name and keywords (B) and the description (C), with a GIN index (see PgChartSearch). Its
 *   text search configuration `catalog_search` is `simple` (lower-cases, keeps every word: no
 *   stemming, no stop words) with accents removed first by the `unaccent` dictionary (a trusted
 *   contrib extension: the database owner may create it), as FTS5's `remove_diacritics` does on
 *   SQLite. PostgreSQL's parser indexes a hyphenated name both whole and by its parts
 *   (`kube-prometheus-stack`, `kube`, `prometheus`, `stack`), as FTS5 splits it on SQLite;
 * - `catalog_state`, the catalog version the response cache keys by (one row).
 */
export class PostgresCatalog1733011200000 implements MigrationInterface {
  name = "PostgresCatalog1733011200000";

  async up(q: QueryRunner): Promise<void> {
    // One extension for the database, in `public` when there is one: created in a gateway's own
    // schema, it would go with that schema (DROP SCHEMA … CASCADE) and take every other schema's
    // search configuration with it.
    await q.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'unaccent') THEN
        IF EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'public') THEN
          CREATE EXTENSION unaccent SCHEMA public;
        ELSE
          CREATE EXTENSION unaccent;
        END IF;
      END IF;
    END $$`);
    const [{ schema }] = (await q.query(
      `SELECT extnamespace::regnamespace::text AS schema FROM pg_extension WHERE extname = 'unaccent'`,
    )) as { schema: string }[];
    await q.query(`CREATE TEXT SEARCH CONFIGURATION catalog_search (COPY = pg_catalog.simple)`);
    await q.query(
      `ALTER TEXT SEARCH CONFIGURATION catalog_search
         ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
         WITH ${schema}.unaccent, simple`,
    );
    await q.query(`CREATE TABLE "registry" (
      "id" character varying(36) NOT NULL,
      "tenant_id" character varying(128),
      "scope" character varying(16) NOT NULL,
      "name" character varying(128) NOT NULL,
      "kind" character varying(16) NOT NULL,
      "endpoint" character varying(2048) NOT NULL,
      "is_default" boolean NOT NULL DEFAULT false,
      "protected" boolean NOT NULL DEFAULT false,
      "sync_enabled" boolean NOT NULL DEFAULT true,
      "auth_type" character varying(16) NOT NULL DEFAULT 'NONE',
      "auth_username" character varying(256),
      "auth_secret" text,
      "tls_ca_certificate" text,
      "tls_insecure_skip_verify" boolean NOT NULL DEFAULT false,
      "oci_provider_type" character varying(16),
      "oci_auth_kind" character varying(16),
      "oci_base_content_paths" text NOT NULL DEFAULT '[]',
      "oci_repositories" text NOT NULL DEFAULT '[]',
      "ecr_region" character varying(32),
      "ecr_role_arn" character varying(2048),
      "ecr_external_id" character varying(1224),
      "last_synced_at" TIMESTAMP WITH TIME ZONE,
      "listing_etag" character varying(512),
      "listing_last_modified" character varying(128),
      "listing_digest" character varying(80),
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_registry" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_registry_scope" ON "registry" ("scope")`);
    await q.query(`CREATE INDEX "idx_registry_tenant_name" ON "registry" ("tenant_id", "name")`);

    await q.query(`CREATE TABLE "chart" (
      "id" SERIAL NOT NULL,
      "registry_id" character varying(36) NOT NULL,
      "name" character varying(256) NOT NULL,
      "kind" character varying(16) NOT NULL DEFAULT 'HELM_CHART',
      "description" text,
      "display_name" text,
      "layer" character varying(16),
      "addon_type" character varying(128),
      "addon_sub_type" character varying(128),
      "cloud_types" text NOT NULL DEFAULT '[]',
      "pack_group" character varying(128),
      "eol" character varying(64),
      "logo_url" text,
      "icon" text,
      "home" text,
      "keywords" text NOT NULL DEFAULT '[]',
      "deprecated" boolean NOT NULL DEFAULT false,
      "latest_version_id" integer,
      "latest_version" character varying(256),
      "version_count" integer NOT NULL DEFAULT '0',
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "search_vector" tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('catalog_search', coalesce("name", '')), 'A') ||
        setweight(to_tsvector('catalog_search', coalesce("display_name", '')), 'B') ||
        setweight(to_tsvector('catalog_search', coalesce("keywords", '')), 'B') ||
        setweight(to_tsvector('catalog_search', coalesce("description", '')), 'C')) STORED,
      CONSTRAINT "PK_chart" PRIMARY KEY ("id"),
      CONSTRAINT "FK_chart_registry" FOREIGN KEY ("registry_id")
        REFERENCES "registry" ("id") ON DELETE CASCADE)`);
    await q.query(`CREATE INDEX "idx_chart_kind_layer" ON "chart" ("kind", "layer")`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_chart_registry_name" ON "chart" ("registry_id", "name")`,
    );
    await q.query(`CREATE INDEX "idx_chart_search" ON "chart" USING GIN ("search_vector")`);
    // TypeORM reads the expression of a generated column from its own table when it loads the
    // schema (tests compare the schema with the entities); this is the row it would write.
    await q.query(`CREATE TABLE IF NOT EXISTS "typeorm_metadata" (
      "type" character varying NOT NULL, "database" character varying,
      "schema" character varying, "table" character varying,
      "name" character varying, "value" text)`);
    await q.query(
      `INSERT INTO "typeorm_metadata" ("type", "database", "schema", "table", "name", "value")
       VALUES ('GENERATED_COLUMN', current_database(), current_schema(), 'chart', 'search_vector',
               pg_get_expr((SELECT adbin FROM pg_attrdef d JOIN pg_attribute a
                             ON a.attrelid = d.adrelid AND a.attnum = d.adnum
                            WHERE d.adrelid = '"chart"'::regclass AND a.attname = 'search_vector'),
                           '"chart"'::regclass))`,
    );

    await q.query(`CREATE TABLE "chart_version" (
      "id" SERIAL NOT NULL,
      "chart_id" integer NOT NULL,
      "registry_id" character varying(36) NOT NULL,
      "version" character varying(256) NOT NULL,
      "sort_key" character varying(512) COLLATE "C" NOT NULL,
      "is_semver" boolean NOT NULL,
      "prerelease" boolean NOT NULL,
      "deprecated" boolean NOT NULL DEFAULT false,
      "app_version" character varying(256),
      "description" text,
      "created" character varying(64),
      "digest" character varying(160),
      "urls" text NOT NULL DEFAULT '[]',
      "kube_version" character varying(256),
      "api_version" character varying(16),
      "type" character varying(32),
      "keywords" text NOT NULL DEFAULT '[]',
      "home" text,
      "icon" text,
      "sources" text NOT NULL DEFAULT '[]',
      "maintainers" text NOT NULL DEFAULT '[]',
      "dependencies" text NOT NULL DEFAULT '[]',
      "annotations" text NOT NULL DEFAULT '{}',
      "tag" character varying(256),
      "oci_reference" character varying(2048),
      "pack" text,
      "parent_tags" text,
      "content_hash" character varying(64) NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      CONSTRAINT "PK_chart_version" PRIMARY KEY ("id"),
      CONSTRAINT "FK_chart_version_chart" FOREIGN KEY ("chart_id")
        REFERENCES "chart" ("id") ON DELETE CASCADE)`);
    await q.query(`CREATE INDEX "idx_chart_version_registry" ON "chart_version" ("registry_id")`);
    // Sort keys compare byte by byte (the column's collation is C), so this index serves
    // "highest first" pages whatever the database's default collation.
    await q.query(
      `CREATE INDEX "idx_chart_version_chart_sort" ON "chart_version" ("chart_id", "sort_key")`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_chart_version_chart_version" ON "chart_version" ("chart_id", "version")`,
    );

    await q.query(`CREATE TABLE "sync_run" (
      "id" character varying(36) NOT NULL,
      "registry_id" character varying(36) NOT NULL,
      "status" character varying(16) NOT NULL,
      "phase" character varying(16) NOT NULL,
      "trigger" character varying(16) NOT NULL,
      "queued_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "started_at" TIMESTAMP WITH TIME ZONE,
      "finished_at" TIMESTAMP WITH TIME ZONE,
      "unchanged" boolean NOT NULL DEFAULT false,
      "charts_seen" integer NOT NULL DEFAULT '0',
      "versions_seen" integer NOT NULL DEFAULT '0',
      "charts_added" integer NOT NULL DEFAULT '0',
      "charts_removed" integer NOT NULL DEFAULT '0',
      "versions_added" integer NOT NULL DEFAULT '0',
      "versions_updated" integer NOT NULL DEFAULT '0',
      "versions_removed" integer NOT NULL DEFAULT '0',
      "versions_unchanged" integer NOT NULL DEFAULT '0',
      "versions_skipped" integer NOT NULL DEFAULT '0',
      "bytes_fetched" integer NOT NULL DEFAULT '0',
      "warnings" text NOT NULL DEFAULT '[]',
      "error_code" character varying(32),
      "error_message" text,
      "retry_of" character varying(36),
      CONSTRAINT "PK_sync_run" PRIMARY KEY ("id"),
      CONSTRAINT "FK_sync_run_registry" FOREIGN KEY ("registry_id")
        REFERENCES "registry" ("id") ON DELETE CASCADE)`);
    await q.query(`CREATE INDEX "idx_sync_run_status" ON "sync_run" ("status")`);
    await q.query(
      `CREATE INDEX "idx_sync_run_registry_created" ON "sync_run" ("registry_id", "queued_at")`,
    );

    await q.query(`CREATE TABLE "version_content" (
      "content_key" character varying(300) NOT NULL,
      "package_digest" character varying(64) NOT NULL,
      "values_yaml" text,
      "readme" text,
      "schema_text" text,
      "bytes_fetched" integer NOT NULL,
      "fetched_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      CONSTRAINT "PK_version_content" PRIMARY KEY ("content_key"))`);

    await q.query(`CREATE TABLE "catalog_state" (
      "id" integer NOT NULL,
      "version" bigint NOT NULL DEFAULT 0,
      CONSTRAINT "PK_catalog_state" PRIMARY KEY ("id"))`);
    await q.query(`INSERT INTO "catalog_state" ("id", "version") VALUES (1, 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "typeorm_metadata" WHERE "table" = 'chart'`);
    for (const table of [
      "catalog_state",
      "version_content",
      "sync_run",
      "chart_version",
      "chart",
      "registry",
    ])
      await q.query(`DROP TABLE "${table}"`);
    await q.query(`DROP TEXT SEARCH CONFIGURATION catalog_search`);
  }
}
