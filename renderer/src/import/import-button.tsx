/**
 * Import: the native dialog in Electron (the host reads the files by path;
 * "Folder" picks folders, imported whole), a hidden file input elsewhere
 * (files are read here and uploaded).
 */
import { Button } from '@blueprintjs/core';
import { useRef } from 'react';
import { useApp } from '../store/app-store';

export function ImportButton() {
  const input = useRef<HTMLInputElement>(null);
  const importing = useApp((s) => s.importing);
  const importFiles = useApp((s) => s.importFiles);
  const importViaDialog = useApp((s) => s.importViaDialog);
  const kind = useApp((s) => s.hostKind);

  // Decided synchronously: a file input only opens inside the click's user gesture.
  const onClick = () => (kind === 'electron' ? void importViaDialog() : input.current?.click());

  return (
    <>
      <Button icon="import" intent="primary" loading={importing} onClick={onClick} data-testid="import-button">
        Import
      </Button>
      {kind === 'electron' && (
        // A folder is imported whole (every file under it, by content), as evidence often comes: winevt\Logs, a triage collection.
        <Button icon="folder-open" disabled={importing} onClick={() => void importViaDialog(true)} data-testid="import-folder-button" title="Import every file under a folder">
          Folder
        </Button>
      )}
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-testid="import-input"
        onChange={(e) => {
          const files = Array.from(e.currentTarget.files ?? []);
          // Reset so picking the same file again still fires a change.
          e.currentTarget.value = '';
          void importFiles(files);
        }}
      />
    </>
  );
}
