/** Archiving a signal asks why: the reason is kept with it, for whoever reads the case next. */
import { Button, Dialog, DialogBody, DialogFooter, FormGroup, TextArea } from '@blueprintjs/core';
import { useState } from 'react';
import type { SignalInfo } from '../../../engine/host/contract';

export interface ArchiveDialogProps {
  signal: SignalInfo;
  onClose(): void;
  onArchive(reason: string): Promise<boolean>;
}

export function ArchiveDialog({ signal, onClose, onArchive }: ArchiveDialogProps) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    const ok = await onArchive(reason.trim());
    setBusy(false);
    if (ok) onClose();
  };
  return (
    <Dialog isOpen title={`Archive: ${signal.ruleTitle}`} onClose={onClose} data-testid="archive-dialog">
      <DialogBody>
        <FormGroup label="Reason" labelFor="archive-reason" helperText="Benign, false positive, duplicate, handled elsewhere…">
          <TextArea id="archive-reason" fill autoFocus value={reason} onChange={(e) => setReason(e.currentTarget.value)} data-testid="archive-reason" />
        </FormGroup>
      </DialogBody>
      <DialogFooter
        actions={
          <>
            <Button onClick={onClose}>Cancel</Button>
            <Button intent="primary" disabled={!reason.trim()} loading={busy} onClick={() => void submit()} data-testid="archive-confirm">
              Archive
            </Button>
          </>
        }
      />
    </Dialog>
  );
}
