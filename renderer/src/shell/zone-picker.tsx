/** Display time zone: UTC by default; stored times are never changed. */
import { HTMLSelect } from '@blueprintjs/core';
import { zoneChoices } from '../common/time-format';
import { useApp } from '../store/app-store';

export function ZonePicker() {
  const zone = useApp((s) => s.zone);
  const setZone = useApp((s) => s.setZone);
  return (
    <HTMLSelect minimal value={zone} onChange={(e) => setZone(e.currentTarget.value)} data-testid="zone-picker" title="Time zone for display">
      {zoneChoices().map((z) => (
        <option key={z} value={z}>
          {z}
        </option>
      ))}
    </HTMLSelect>
  );
}
