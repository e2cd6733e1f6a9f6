// What proves a checked requirement of the clause matrix: the reference defects that break its sentence and that its
// checks catch. A checked row without one claims what nothing shows, so the generator refuses it.
import { REQUIREMENTS } from './index.ts';
import { isChecked, type CheckedRequirement, type LocatedRequirement } from './types.ts';

/** The defect catalogue as the matrix reads it (targets/reference/defects.ts is one). */
export type DefectCatalogue = Readonly<Record<string, { catches: string; request?: string }>>;

/**
 * The defects that prove a checked requirement: those it names, else every defect one of its checks catches (on the
 * request the requirement is about, when it names one).
 */
export function proofOf(r: CheckedRequirement, defects: DefectCatalogue): string[] {
  if (r.defects) return [...r.defects];
  return Object.keys(defects)
    .filter((id) => r.checks.includes(defects[id]!.catches) && (!r.request || !defects[id]!.request || defects[id]!.request === r.request))
    .sort();
}

const where = (r: LocatedRequirement) => `${r.standard} ${r.section} ${r.level} "${r.text}"`;

/** One line per checked requirement that no defect proves, or that names a defect that cannot prove it. */
export function matrixProblems(defects: DefectCatalogue, requirements: readonly LocatedRequirement[] = REQUIREMENTS): string[] {
  const out: string[] = [];
  for (const r of requirements) {
    if (r.notChecked?.kind === 'unproved' && !r.notChecked.checks?.length)
      out.push(`${where(r)}: judged but unproved, by no check it names`);
    if (!isChecked(r)) continue;
    for (const id of r.defects ?? []) {
      const d = defects[id];
      if (!d) out.push(`${where(r)}: names the defect ${id}, which is not in the defect catalogue`);
      else if (!r.checks.includes(d.catches))
        out.push(`${where(r)}: names the defect ${id}, which ${d.catches} catches, not one of its checks`);
    }
    if (proofOf(r, defects).length === 0)
      out.push(`${where(r)}: no reference defect proves it (${r.checks.join(', ')} catch none): name one, or say why nothing judges it`);
  }
  return out;
}
