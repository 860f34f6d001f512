/** First reasons records were rejected, with where they were in the file. */
import { Spinner } from '@blueprintjs/core';
import type { Rejection } from '../../../engine/host/contract';
import { rejectionWhere } from './rejection-where';

export function RejectionList({ total, rejections }: { total: number; rejections: readonly Rejection[] | undefined }) {
  return (
    <div className="rejection-list">
      {rejections === undefined ? (
        <Spinner size={16} />
      ) : (
        <>
          <ul>
            {rejections.map((r, i) => (
              <li key={i}>
                {rejectionWhere(r) && <span className="rejection-list__where">{rejectionWhere(r)}: </span>}
                {r.reason}
              </li>
            ))}
          </ul>
          {total > rejections.length && <div className="rejection-list__more">…and {total - rejections.length} more</div>}
        </>
      )}
    </div>
  );
}
