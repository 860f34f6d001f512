/**
 * A user-written field mapping for generic JSON and CSV/TSV sources: which
 * source fields fill which ECS core columns, and how to read the time.
 * (Owned by the generic-formats work; this is the shared type.)
 */
export interface FieldMapping {
  /** ECS core column → source field name (dotted path for JSON). */
  fields: Record<string, string>;
  /** How to read the time field: 'iso' (default), 'epoch_s', 'epoch_ms', or a strftime-like pattern. */
  timeFormat?: string;
  /** Zone to assume for times without one (e.g. '+02:00'); default UTC. */
  timeZone?: string;
  /** event.dataset for these records. */
  dataset?: string;
}
