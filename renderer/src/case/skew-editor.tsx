/** Clock-skew correction for one source, in seconds (applied at query time; the stored times stay as they were). */
import { Button, InputGroup, Popover } from '@blueprintjs/core';
import { useState } from 'react';
import type { SourceInfo } from '../../../engine/host/contract';
import { useApp } from '../store/app-store';
import { parseSkewSeconds } from './skew-input';

export function SkewEditor({ source: s }: { source: SourceInfo }) {
  const setSkew = useApp((st) => st.setSkew);
  const [text, setText] = useState(String(s.skewMs / 1000));
  const ms = parseSkewSeconds(text);
  const label = s.skewMs ? `${s.skewMs > 0 ? '+' : ''}${s.skewMs / 1000} s` : undefined;
  return (
    <Popover
      placement="bottom-start"
      content={
        <div className="skew-editor">
          <p>Correct this source's clock: seconds to add to its times (negative if its clock ran ahead).</p>
          <InputGroup value={text} onValueChange={setText} intent={ms === null ? 'danger' : 'none'} data-testid="skew-input" />
          <Button text="Apply" intent="primary" disabled={ms === null} onClick={() => ms !== null && void setSkew(s.id, ms)} data-testid="skew-apply" />
        </div>
      }
    >
      <Button size="small" variant="minimal" icon="time" intent={s.skewMs ? 'warning' : 'none'} text={label} title="Clock-skew correction" aria-label="Clock-skew correction" data-testid="source-skew" />
    </Popover>
  );
}
