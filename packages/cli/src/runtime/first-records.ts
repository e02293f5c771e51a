/** Collect the first `limit` records of a paged list, fetching no page past them. */
export async function firstRecords<T>(list: AsyncIterable<T>, limit: number): Promise<T[]> {
  const records: T[] = [];
  if (limit < 1) return records;
  for await (const record of list) {
    records.push(record);
    if (records.length >= limit) break;
  }
  return records;
}
