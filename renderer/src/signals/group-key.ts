/** A signal's group key (`source.ip=1.2.3.4, user.name=deploy`) as field/value pairs, for pivots. */
export function groupKeyParts(key: string): { field: string; value: string }[] {
  const out: { field: string; value: string }[] = [];
  // Values may hold commas; a new pair starts only where ", name=" follows.
  const re = /(?:^|, )([@\w.-]+)=((?:(?!, [@\w.-]+=).)*)/g;
  for (const m of key.matchAll(re)) out.push({ field: m[1], value: m[2] });
  return out;
}
