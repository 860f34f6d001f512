/** Search input: debounced while typing, immediate on Enter. */
import { InputGroup } from '@blueprintjs/core';
import { useEffect, useRef, useState } from 'react';
import { useApp } from '../store/app-store';

export const SEARCH_DEBOUNCE_MS = 300;

export function SearchBox() {
  const applied = useApp((s) => s.search);
  const setSearch = useApp((s) => s.setSearch);
  const [text, setText] = useState(applied);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  const apply = (v: string) => {
    clearTimeout(timer.current);
    setSearch(v);
  };

  return (
    <InputGroup
      className="search-box"
      leftIcon="search"
      placeholder="Search events (words, host, user, IP…); Enter to run"
      value={text}
      spellCheck={false}
      data-testid="search-input"
      onChange={(e) => {
        const v = e.currentTarget.value;
        setText(v);
        clearTimeout(timer.current);
        timer.current = setTimeout(() => setSearch(v), SEARCH_DEBOUNCE_MS);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') apply(e.currentTarget.value);
      }}
    />
  );
}
