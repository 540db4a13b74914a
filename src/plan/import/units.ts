/**
 * Collective units: "各区、县级市", "各有关单位", "有关部门", "各乡镇(街道)". They name no one
 * section, so they are kept as written (config expands "各科室"; the rest an office resolves) and
 * listed by `duban import --report`.
 */
const COLLECTIVE = /^(?:各|有关|相关|其他|其它|全[市省区县]各|[市区县省]直各|[市区县省]直有关)/;
/** Kinds of unit that, listed bare after a collective, continue it: "各区、县级市". */
const UNIT_KIND =
  /^(?:县级市|县市区|县\(市、?区\)|县\(市\)|市|区|县|乡镇|镇|乡|街道|乡镇\(街道\)|园区|开发区|部门|单位)$/;

export function isCollective(unit: string): boolean {
  return COLLECTIVE.test(unit);
}

/** Names as split on 、，, with a collective's bare continuations joined back: "各区、县级市". */
export function joinCollectives(names: string[]): string[] {
  const out: string[] = [];
  for (const name of names) {
    const previous = out.at(-1);
    if (previous !== undefined && isCollective(previous) && UNIT_KIND.test(name)) {
      out[out.length - 1] = `${previous}、${name}`;
    } else {
      out.push(name);
    }
  }
  return out;
}

/** "市发改委（牵头）": a unit marked as the lead inside a list. */
const LEAD_MARK = /\s*[(（]牵头[)）]$/;

/**
 * Units marked "（牵头）" in a list lead and the others in that list take part: "市发改委（牵头）、
 * 市财政局" under 责任单位. Lists with no mark are returned as they are.
 */
export function leadsByMark(leads: string[], partners: string[]): { leads: string[]; partners: string[] } {
  const all = [...leads, ...partners];
  if (!all.some((u) => LEAD_MARK.test(u))) return { leads, partners };
  const marked = all.filter((u) => LEAD_MARK.test(u)).map((u) => u.replace(LEAD_MARK, ''));
  return { leads: marked, partners: all.filter((u) => !LEAD_MARK.test(u)) };
}
