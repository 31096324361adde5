/** How operations were executed since start-up. */
export interface ExecutionStats {
  /** Operations compiled (graphql-jit). */
  compiled: number;
  /** Operations graphql-jit refused (they run on graphql-js). */
  refused: number;
  /** Executions by compiled code and by graphql-js. */
  jitRuns: number;
  graphqlJsRuns: number;
  /** Catalog reads answered by the read path (read-path.ts), and those it left to Apollo. */
  readPathAnswers: number;
  readPathFallbacks: number;
}

export function newExecutionStats(): ExecutionStats {
  return {
    compiled: 0,
    refused: 0,
    jitRuns: 0,
    graphqlJsRuns: 0,
    readPathAnswers: 0,
    readPathFallbacks: 0,
  };
}
