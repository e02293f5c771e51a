import { displayZone, formatValue, toJson } from '../../output/format.js';
import { renderRecord } from '../../output/table.js';
import type { Context } from '../../runtime/context.js';

const SHOWN_REJECTIONS = 1000;

/** Show a job's settings and counts, then its rejected rows with their reasons. */
export async function showJob(context: Context, id: string): Promise<void> {
  const client = context.client();
  const job = await client.imports.get(id);
  const rejections = [];
  for await (const rejection of client.imports.rejections(id)) {
    rejections.push(rejection);
    if (rejections.length >= SHOWN_REJECTIONS) break;
  }
  if (context.json) {
    context.io.stdout.write(toJson({ ...job, rejections }));
    return;
  }
  const zone = displayZone(context.io.stdout);
  const pairs: [string, string][] = Object.entries(job).map(([name, value]) => [name, formatValue(value, context.language, zone)]);
  context.io.stdout.write(renderRecord(pairs));
  for (const rejection of rejections) context.io.stdout.write(`${rejection.line}\t${rejection.message}\n`);
}
