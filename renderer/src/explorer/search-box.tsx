/**
 * Search input: debounced while typing, immediate on Enter. The search is
 * parsed here first (the engine's own parser), so a syntax error is shown
 * under the box, at its column, without a round trip and without dropping
 * the last good result.
 */
import { InputGroup } from '@blueprintjs/core';
import { useEffect, useRef, useState } from 'react';
import { SearchSyntaxError } from '../../../engine/views/search/search-ast';
import { compileNode } from '../../../engine/views/search/search-compile';
import { parseSearch } from '../../../engine/views/search/search-parser';
import { useApp } from '../store/app-store';

export const SEARCH_DEBOUNCE_MS = 300;

export function searchError(text: string): SearchSyntaxError | null {
  try {
    compileNode(parseSearch(text));
    return null;
  } catch (e) {
    if (e instanceof SearchSyntaxError) return e;
    throw e;
  }
}

export function SearchBox() {
  const applied = useApp((s) => s.search);
  const setSearch = useApp((s) => s.setSearch);
  const [text, setText] = useState(applied);
  const [error, setError] = useState<SearchSyntaxError | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);
  // A pivot or a saved view changes the search from outside: show it.
  useEffect(() => {
    setText(applied);
    setError(null);
  }, [applied]);

  const apply = (v: string) => {
    clearTimeout(timer.current);
    const err = searchError(v);
    setError(err);
    if (!err) setSearch(v);
  };

  return (
    <div className="search-box">
      <InputGroup
        leftIcon="search"
        placeholder='Search: words, "phrases", host:web-01, -@user.name:root, @source.ip:10.0.0.0/8, @source.port:[1000 TO 2000]; Enter to run'
        value={text}
        spellCheck={false}
        intent={error ? 'danger' : 'none'}
        data-testid="search-input"
        onChange={(e) => {
          const v = e.currentTarget.value;
          setText(v);
          clearTimeout(timer.current);
          timer.current = setTimeout(() => apply(v), SEARCH_DEBOUNCE_MS);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') apply(e.currentTarget.value);
        }}
      />
      {error && (
        <div className="search-box__error" data-testid="search-error" role="alert">
          <span>{`Column ${error.position + 1}: ${error.reason}`}</span>
          <pre className="search-box__caret">{`${text}\n${' '.repeat(error.position)}${'^'.repeat(Math.max(1, Math.min(error.length, text.length - error.position)))}`}</pre>
        </div>
      )}
    </div>
  );
}
