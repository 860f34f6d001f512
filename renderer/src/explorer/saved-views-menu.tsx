/** Saved views: save the current search, filter, columns, sort and view under a name; load or delete one. */
import { Button, InputGroup, Menu, MenuDivider, MenuItem, Popover } from '@blueprintjs/core';
import { useState } from 'react';
import { useApp } from '../store/app-store';

export function SavedViewsMenu() {
  const views = useApp((s) => s.savedViews);
  const load = useApp((s) => s.loadSavedViews);
  const save = useApp((s) => s.saveCurrentView);
  const apply = useApp((s) => s.applySavedView);
  const remove = useApp((s) => s.removeSavedView);
  const [name, setName] = useState('');
  const content = (
    <Menu data-testid="saved-views-menu">
      <li className="saved-views__save">
        <InputGroup size="small" placeholder="Name this view" value={name} data-testid="saved-view-name" onChange={(e) => setName(e.currentTarget.value)} />
        <Button size="small" text="Save" data-testid="saved-view-save" disabled={!name.trim()} onClick={() => void save(name.trim()).then(() => setName(''))} />
      </li>
      {views.length > 0 && <MenuDivider />}
      {views.map((v) => (
        <MenuItem
          key={v.id}
          text={v.name}
          title={v.state.search}
          data-testid="saved-view"
          shouldDismissPopover
          onClick={() => apply(v)}
          labelElement={<Button size="small" variant="minimal" icon="trash" aria-label={`Delete ${v.name}`} data-testid="saved-view-delete" onClick={(e) => (e.stopPropagation(), void remove(v.id))} />}
        />
      ))}
    </Menu>
  );
  return (
    <Popover content={content} placement="bottom-end" onOpening={() => void load()}>
      <Button icon="bookmark" text="Views" size="small" data-testid="saved-views-button" />
    </Popover>
  );
}
