/**
 * A suppression: an explorer search naming events that are known and fine,
 * for this signal's rule or for every rule, optionally until a date. Saving
 * re-runs detection, so the effect is visible at once.
 */
import { Button, Checkbox, Dialog, DialogBody, DialogFooter, FormGroup, InputGroup } from '@blueprintjs/core';
import { useState } from 'react';
import type { NewSuppressionArgs } from '../../../engine/detect/detect-channels';
import type { SignalInfo } from '../../../engine/host/contract';
import { suppressionQueryFor } from './signal-details';

export interface SuppressDialogProps {
  signal: SignalInfo;
  onClose(): void;
  onSave(s: NewSuppressionArgs): Promise<boolean>;
}

export function SuppressDialog({ signal, onClose, onSave }: SuppressDialogProps) {
  const [query, setQuery] = useState(() => suppressionQueryFor(signal.groupKey));
  const [thisRule, setThisRule] = useState(true);
  const [expires, setExpires] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const valid = query.trim() !== '' && reason.trim() !== '';
  const submit = async () => {
    setBusy(true);
    const ok = await onSave({
      query: query.trim(),
      reason: reason.trim(),
      ruleId: thisRule ? signal.ruleId : null,
      // A date input means "through that day", UTC.
      expiresAt: expires ? `${expires}T23:59:59.999Z` : null,
    });
    setBusy(false);
    if (ok) onClose();
  };
  return (
    <Dialog isOpen title="Suppress events" onClose={onClose} data-testid="suppress-dialog">
      <DialogBody>
        <FormGroup label="Events (explorer search)" labelFor="suppress-query" helperText='e.g. source.ip:"10.0.0.12" user.name:deploy'>
          <InputGroup id="suppress-query" value={query} onChange={(e) => setQuery(e.currentTarget.value)} data-testid="suppress-query" />
        </FormGroup>
        <Checkbox checked={thisRule} onChange={(e) => setThisRule(e.currentTarget.checked)} label={`Only for "${signal.ruleTitle}"`} />
        <FormGroup label="Expires (optional)" labelFor="suppress-expires">
          <InputGroup id="suppress-expires" type="date" value={expires} onChange={(e) => setExpires(e.currentTarget.value)} />
        </FormGroup>
        <FormGroup label="Reason" labelFor="suppress-reason">
          <InputGroup id="suppress-reason" value={reason} onChange={(e) => setReason(e.currentTarget.value)} data-testid="suppress-reason" />
        </FormGroup>
      </DialogBody>
      <DialogFooter
        actions={
          <>
            <Button onClick={onClose}>Cancel</Button>
            <Button intent="primary" disabled={!valid} loading={busy} onClick={() => void submit()} data-testid="suppress-confirm">
              Suppress and re-run
            </Button>
          </>
        }
      />
    </Dialog>
  );
}
