// Pure domain code: runs anywhere. Records kept as rows that are never changed (daily reports,
// notice steps): a correction is a later row naming the row it corrects. The rows that stand are
// those no later row corrects (along a chain of corrections, the last).
export function standingRows<T extends { readonly id: number; readonly correctsId: number | null }>(rows: readonly T[]): T[] {
  const corrected = new Set(rows.map((r) => r.correctsId).filter((id): id is number => id !== null));
  return rows.filter((r) => !corrected.has(r.id));
}
