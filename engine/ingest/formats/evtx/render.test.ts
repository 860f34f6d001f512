import { describe, expect, it } from 'vitest';
import { Instance, Subst, TElement, type Node, type SubValue } from './binxml';
import { recordJson } from './render';
import { ArrayValue } from './values';

/** Builds a template element: el('Data', { Name: 'X' }, child…). */
function el(name: string, attrs: Record<string, string | Subst>, ...children: Node[]): TElement {
  const e = new TElement(name);
  for (const [k, v] of Object.entries(attrs)) e.attrs.push({ name: k, parts: [v] });
  e.children.push(...children);
  return e;
}
const json = (template: Node, values: SubValue[]) => recordJson([new Instance([template], values)]);
const s = (i: number) => new Subst(i, true);

describe('evtx_dump JSON rules', () => {
  it('keeps typed integers, puts attributes under #attributes and mixed text under #text', () => {
    const t = el('Event', {}, el('System', {}, el('EventID', { Qualifiers: s(1) }, s(0)), el('Level', {}, s(2)), el('Correlation', { ActivityID: s(3) })));
    expect(json(t, [4624, 16384, 4, null])).toEqual({
      Event: { System: { EventID: { '#attributes': { Qualifiers: 16384 }, '#text': 4624 }, Level: 4, Correlation: null } },
    });
  });

  it('flattens named Data, giving empty ones "" (not null)', () => {
    const t = el('Event', {}, el('EventData', {}, el('Data', { Name: 'A' }, s(0)), el('Data', { Name: 'B' }, s(1))));
    expect(json(t, ['x', null])).toEqual({ Event: { EventData: { A: 'x', B: '' } } });
  });

  it('gathers unnamed Data under Data.#text, as an array when there are several', () => {
    const one = el('Event', {}, el('EventData', {}, el('Data', {}, s(0))));
    expect(json(one, ['only'])).toEqual({ Event: { EventData: { Data: { '#text': 'only' } } } });
    const many = el('Event', {}, el('EventData', {}, el('Data', {}, s(0)), el('Data', {}, s(1)), el('Binary', {}, s(2))));
    expect(json(many, ['a', 7, 'BEEF'])).toEqual({ Event: { EventData: { Data: { '#text': ['a', 7] }, Binary: 'BEEF' } } });
  });

  it('suffixes repeated element names _1, _2 …', () => {
    const t = el('Event', {}, el('UserData', {}, el('Info', {}, el('Header', {}, 'a'), el('Header', {}, 'b'), el('Header', {}, 'c'))));
    expect(json(t, [])).toEqual({ Event: { UserData: { Info: { Header: 'a', Header_1: 'b', Header_2: 'c' } } } });
  });

  it('repeats an element once per array item and prints a one-item array as text', () => {
    const t = el('Event', {}, el('EventData', {}, el('Data', {}, s(0))));
    expect(json(t, [new ArrayValue(['a', '', 'c'])])).toEqual({ Event: { EventData: { Data: { '#text': ['a', '', 'c'] } } } });
    expect(json(t, [new ArrayValue([5])])).toEqual({ Event: { EventData: { Data: { '#text': '5' } } } });
  });

  it('writes character and entity references as written and joins them with text', () => {
    const t = el('Event', {}, el('Msg', {}, 'a', '&#38;', '&amp;', s(0)));
    expect(json(t, [1])).toEqual({ Event: { Msg: 'a&#38;&amp;1' } });
  });

  it('cannot be tricked into setting a prototype', () => {
    const t = el('Event', {}, el('EventData', {}, el('Data', { Name: '__proto__' }, 'x')));
    const out = json(t, []) as { Event: { EventData: Record<string, unknown> } };
    expect(Object.getPrototypeOf(out.Event.EventData)).toBe(Object.prototype);
    expect(Object.keys(out.Event.EventData)).toEqual(['__proto__']);
  });
});
