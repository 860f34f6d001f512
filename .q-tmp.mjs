import { DuckDBInstance } from '@duckdb/node-api';
const inst = await DuckDBInstance.create(':memory:', {autoinstall_known_extensions:'false', autoload_known_extensions:'false'});
const c = await inst.connect();
for (const sql of process.argv.slice(2)) {
  try { const r = await c.runAndReadAll(sql); console.log(JSON.stringify(r.getRowObjectsJson())); } catch (e) { console.log('ERR', e.message); }
}
