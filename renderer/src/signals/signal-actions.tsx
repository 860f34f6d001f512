/** Under the selected signal: why it fired, its triage status (archiving asks for a reason) and suppression. */
import { Button, HTMLSelect } from '@blueprintjs/core';
import { useState } from 'react';
import type { SignalStatus } from '../../../engine/detect/detect-channels';
import type { SignalInfo } from '../../../engine/host/contract';
import { useApp } from '../store/app-store';
import { ArchiveDialog } from './archive-dialog';
import { describeDetails } from './signal-details';
import { SuppressDialog } from './suppress-dialog';

export function SignalActions({ signal: s }: { signal: SignalInfo }) {
  const setStatus = useApp((st) => st.setSignalStatus);
  const addSuppression = useApp((st) => st.addSuppression);
  const [dialog, setDialog] = useState<'archive' | 'suppress' | null>(null);
  const why = describeDetails(s.details);
  const choose = (status: SignalStatus) => {
    if (status === 'archived') setDialog('archive');
    else void setStatus(s.id, status, null);
  };
  return (
    <div className="signal-actions" data-testid="signal-actions">
      {why && <div className="signal-actions__why" data-testid="signal-why">{why}</div>}
      {s.statusReason && <div className="signal-actions__reason" data-testid="signal-reason">{s.status.replace('_', ' ')}: {s.statusReason}</div>}
      <div className="signal-actions__buttons">
        <HTMLSelect value={s.status} onChange={(e) => choose(e.currentTarget.value as SignalStatus)} aria-label="Triage status" data-testid="signal-status">
          <option value="open">Open</option>
          <option value="under_review">Under review</option>
          <option value="archived">Archived…</option>
        </HTMLSelect>
        <Button size="small" icon="eye-off" onClick={() => setDialog('suppress')} data-testid="suppress-button">
          Suppress…
        </Button>
      </div>
      {dialog === 'archive' && <ArchiveDialog signal={s} onClose={() => setDialog(null)} onArchive={(reason) => setStatus(s.id, 'archived', reason)} />}
      {dialog === 'suppress' && <SuppressDialog signal={s} onClose={() => setDialog(null)} onSave={addSuppression} />}
    </div>
  );
}
