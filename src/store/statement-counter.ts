/**
 * Counts SQL statements. Tests and the benchmark read it to prove that a page costs a fixed
 * number of statements whatever its size.
 */
export class StatementCounter {
  count = 0;
  /** Statements that failed. */
  errors = 0;
  /** Statements that wrote to each table (INSERT, UPDATE, DELETE). */
  readonly writes = new Map<string, number>();

  record(query: string): void {
    this.count++;
    const write = /^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+["`]?(\w+)/i.exec(query);
    if (write) this.writes.set(write[1], (this.writes.get(write[1]) ?? 0) + 1);
  }

  /** Writes so far to the given tables. */
  writesTo(...tables: string[]): number {
    return tables.reduce((n, table) => n + (this.writes.get(table) ?? 0), 0);
  }
}
