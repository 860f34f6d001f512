/** Top bar: what this case is, how big, over what time, from which sources. */
import { Navbar, Tag } from '@blueprintjs/core';
import { formatSpan } from '../common/time-format';
import { ImportButton } from '../import/import-button';
import { ImportProgressBar } from '../import/import-progress-bar';
import { ImportReportCallout } from '../import/import-report';
import { ZonePicker } from '../shell/zone-picker';
import { useApp } from '../store/app-store';
import { SourceList } from './source-list';

export function CaseBar() {
  const info = useApp((s) => s.caseInfo);
  const error = useApp((s) => s.caseError);

  return (
    <header className="case-bar" data-testid="case-bar">
      <Navbar className="case-bar__nav">
        <Navbar.Group>
          <Navbar.Heading className="case-bar__name" data-testid="case-name" title={info?.path}>
            {info?.name ?? 'No case'}
          </Navbar.Heading>
          {info && (
            <>
              <Tag minimal className="case-bar__stat">{info.eventCount} events</Tag>
              <Tag minimal className="case-bar__stat">{info.signalCount} signals</Tag>
              <span className="case-bar__span">{formatSpan(info.firstTime, info.lastTime)}</span>
            </>
          )}
          {error && <Tag intent="danger" minimal title={error}>case: {error}</Tag>}
        </Navbar.Group>
        <Navbar.Group align="right">
          <ZonePicker />
          <ImportButton />
        </Navbar.Group>
      </Navbar>
      <ImportProgressBar />
      <ImportReportCallout />
      <SourceList sources={info?.sources ?? []} />
    </header>
  );
}
