/**
 * A user-written field mapping for generic JSON and CSV/TSV sources: which
 * source fields fill which ECS core columns, and how to read the time.
 * Written by hand as YAML (see `MAPPING.md`, parsed by `mapping-file.ts`) or
 * built by the UI; applied by `formats/generic-row.ts`.
 */
export interface FieldMapping {
  /**
   * ECS core column → source field name (dotted path for nested JSON, the
   * header text for CSV). `@timestamp` names the time field.
   */
  fields: Record<string, string>;
  /**
   * How to read the time field: 'iso' (default: ISO 8601, or epoch numbers
   * told apart by magnitude), 'epoch_s', 'epoch_ms', 'epoch_us', or a
   * strftime-like pattern such as '%d/%m/%Y %H:%M:%S' (see `formats/time-pattern.ts`).
   */
  timeFormat?: string;
  /** Zone for times that carry none: 'UTC', a fixed offset ('+02:00') or an IANA name ('Europe/Paris'). Default UTC. */
  timeZone?: string;
  /** event.dataset for these records (default: the format's name, e.g. 'csv'). */
  dataset?: string;
  /** Also fill unmapped columns from ECS-named and common alias columns (default true). */
  autoMap?: boolean;
}
