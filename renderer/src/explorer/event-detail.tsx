/** Every field of the selected event, then its original record as text. */
import { Button, HTMLTable } from '@blueprintjs/core';
import { AnnotationPanel } from '../annotations/event-annotations';
import { entityKind } from '../pivot/entity-kind';
import { PivotValue } from '../pivot/pivot-value';
import { useApp } from '../store/app-store';
import { displayValue, prettyRaw } from './event-record';

export function EventDetail() {
  const event = useApp((s) => s.selectedEvent);
  const close = useApp((s) => s.selectEvent);
  if (!event) return null;
  const fields = Object.entries(event.fields).filter(([, v]) => v !== null && v !== '');

  return (
    <aside className="event-detail" data-testid="event-detail">
      <div className="event-detail__head">
        <span className="event-detail__title">Event {event.id}</span>
        <Button icon="cross" variant="minimal" size="small" aria-label="Close" onClick={() => close(null)} />
      </div>
      <div className="event-detail__body">
        <AnnotationPanel target="event" id={String(event.id)} />
        <HTMLTable compact className="event-detail__fields">
          <tbody>
            {fields.map(([k, v]) => (
              <tr key={k}>
                <th>{k}</th>
                <td>{entityKind(k) ? <PivotValue field={k} value={displayValue(k, v)} /> : displayValue(k, v)}</td>
              </tr>
            ))}
          </tbody>
        </HTMLTable>
        <h4 className="event-detail__raw-title">raw</h4>
        <pre className="event-detail__raw" data-testid="event-raw">{prettyRaw(event.raw)}</pre>
      </div>
    </aside>
  );
}
