import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portConformance } from '../port-conformance';
import { openDuckDb } from './duckdb-native';

describe('native DuckDB adapter', () => {
  portConformance({ describe, it, expect, beforeAll, afterAll }, () => openDuckDb({ threads: 1 }));
});
