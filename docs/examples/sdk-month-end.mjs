// The month-end close (月结) of one period with SDK calls only. It imports the POS orders through
// an import job, loads the WeChat Pay statement and reconciles it. Then it reads the close
// checklist, resolves the item that fails it, closes the period and runs a report.
// It builds a tiny chain of its own: one store, two menu items, 20 orders paid by WeChat Pay and
// a WeChat statement that leaves one of them out.
// Run against an empty server: BOH_BASE_URL=http://127.0.0.1:4010 BOH_TOKEN=boh_… node docs/examples/sdk-month-end.mjs
import { createHash } from 'node:crypto';
import { createClient } from '@boh/sdk';

const PERIOD = '2026-11';
const STORE = 'SDK01';
const PRICES = { 'SDK-LATTE': 3200, 'SDK-BAGEL': 1800 };

const boh = createClient({
  baseUrl: process.env.BOH_BASE_URL ?? 'http://127.0.0.1:4010',
  token: process.env.BOH_TOKEN,
  language: 'en',
});

/** Throw with the message when a result is not the expected one; the script then exits with code 1. */
function ensure(condition, message) {
  if (!condition) throw new Error(`unexpected: ${message}`);
}

/** Build 20 orders on the 1st to the 20th at 12:00 China time, each paid in full by WeChat Pay. */
function buildOrders() {
  const orders = [];
  for (let day = 1; day <= 20; day++) {
    const lattes = 1 + (day % 3);
    const bagels = day % 2;
    const number = `SDK-${PERIOD}-${String(day).padStart(3, '0')}`;
    const lines = [{ menu_item_code: 'SDK-LATTE', quantity: lattes, unit_price_fen: PRICES['SDK-LATTE'] }];
    if (bagels > 0) lines.push({ menu_item_code: 'SDK-BAGEL', quantity: bagels, unit_price_fen: PRICES['SDK-BAGEL'] });
    orders.push({
      order_no: number,
      store_code: STORE,
      ordered_at: `${PERIOD}-${String(day).padStart(2, '0')}T04:00:00Z`,
      channel: 'dine_in',
      payment_method: 'wechat',
      payment_transaction_id: `42000026${String(day).padStart(20, '0')}`,
      payment_merchant_order_number: number.replace(/-/g, ''),
      lines,
    });
  }
  return orders;
}

const totalOf = (order) => order.lines.reduce((sum, line) => sum + line.quantity * line.unit_price_fen, 0);

/** Build the WeChat statement lines: one per order, completed 3 s after payment, 0.6 % fee in milli-fen. */
function buildStatementLines(orders) {
  return orders.map((order, index) => {
    const gross = totalOf(order);
    const fee = gross * 6;
    return {
      line: index + 1,
      fingerprint: order.payment_transaction_id,
      occurred_at: new Date(Date.parse(order.ordered_at) + 3000).toISOString(),
      kind: 'payment',
      flow: 'in',
      gross_fen: gross,
      refund_fen: 0,
      fee_milli_fen: fee,
      net_milli_fen: gross * 1000 - fee,
      transaction_id: order.payment_transaction_id,
      merchant_order_number: order.payment_merchant_order_number,
      store_id: STORE,
    };
  });
}

try {
  // 1. Master data: the store and its menu.
  await boh.stores.create({ code: STORE, name: 'SDK 示例店', city: '上海', timezone: 'Asia/Shanghai' });
  await boh.menuItems.create({ code: 'SDK-LATTE', name: '拿铁', category: '咖啡', price_fen: PRICES['SDK-LATTE'] });
  await boh.menuItems.create({ code: 'SDK-BAGEL', name: '贝果', category: '烘焙', price_fen: PRICES['SDK-BAGEL'] });

  // 2. Orders through an import job: create it, send numbered batches of records, finish it.
  const orders = buildOrders();
  const job = await boh.imports.create({ resource: 'sales_order', mode: 'upsert', file_name: `pos-orders-${PERIOD}.jsonl`, batch_size: 10 });
  for (let start = 0, sequence = 1; start < orders.length; start += 10, sequence++) {
    const rows = orders.slice(start, start + 10).map((fields, i) => ({ line: start + i + 1, fields }));
    const batch = await boh.imports.submitBatch(job.id, { sequence, rows });
    ensure(batch.counts.rejected === 0, `batch ${sequence} rejected ${batch.counts.rejected} ${batch.counts.rejected === 1 ? 'order' : 'orders'}`);
  }
  const imported = await boh.imports.finish(job.id, { status: 'completed' });
  ensure(imported.counts.created === orders.length, `created ${imported.counts.created} of ${orders.length} orders`);
  console.log(`orders imported: ${imported.counts.created}`);

  // 3. The WeChat statement, with the 8th order's payment left out (the channel never settled it).
  const missing = orders[7];
  const lines = buildStatementLines(orders.filter((order) => order !== missing)).map((line, i) => ({ ...line, line: i + 1 }));
  const gross = lines.reduce((sum, line) => sum + line.gross_fen, 0);
  const fees = lines.reduce((sum, line) => sum + line.fee_milli_fen, 0);
  const statement = await boh.statements.load({
    statement: {
      channel: 'wechat',
      layout: 'sdk-example',
      file_name: `wechat-${PERIOD}.csv`,
      file_sha256: createHash('sha256').update(JSON.stringify(lines)).digest('hex'),
      period: PERIOD,
      merchant_id: '1900012345',
      line_count: lines.length,
      totals: { gross_fen: gross, refund_fen: 0, fee_milli_fen: fees, net_milli_fen: gross * 1000 - fees },
    },
    lines,
  });
  console.log(`statement lines: ${statement.line_count}`);

  // 4. Reconcile the channel for the period.
  const reconciliation = await boh.reconciliations.run({ channel: 'wechat', period: PERIOD, statement_ids: [statement.id] });
  const { states } = reconciliation.summary;
  console.log(`matched: ${states.matched?.count ?? 0}, missing_in_statement: ${states.missing_in_statement?.count ?? 0}`);
  ensure((states.matched?.count ?? 0) === orders.length - 1, 'every other order matched');
  const differences = [];
  for await (const item of boh.reconciliations.items(reconciliation.id, { state: 'missing_in_statement' })) differences.push(item);
  ensure(differences.length === 1, `one payment missing from the statement, found ${differences.length}`);

  // 5. The close checklist fails while a difference is unexplained.
  const before = await boh.ledger.periodChecklist(PERIOD);
  const failing = before.checks.filter((check) => !check.ok).map((check) => check.key);
  console.log(`checklist ready: ${before.ready} (${failing.join(', ') || 'nothing failing'})`);
  ensure(!before.ready, 'the checklist is not ready');
  ensure(failing.includes('reconciliations'), 'the reconciliations check fails');

  // 6. Explain the difference, then close: closing stores the period's snapshot.
  await boh.reconciliations.resolve(reconciliation.id, differences[0].id, { note: `WeChat refunded ${missing.order_no} to the guest; the POS refund follows next month.` });
  const after = await boh.ledger.periodChecklist(PERIOD);
  ensure(after.ready, `checklist ready after the resolution: ${after.checks.filter((c) => !c.ok).map((c) => c.key).join(', ')}`);
  const period = await boh.ledger.closePeriod(PERIOD);
  console.log(`period ${period.period}: ${period.status}`);
  ensure(period.status === 'closed', 'the period is closed');

  // 7. A report of the closed period.
  const report = await boh.reports.run({ report: 'store-performance', period: PERIOD, store_code: STORE });
  const kpi = (key) => report.kpis.find((each) => each.key === key)?.value;
  const expected = orders.reduce((sum, order) => sum + totalOf(order), 0);
  console.log(`${report.title}: ${kpi('orders')} orders, sales ${kpi('sales_fen')} fen`);
  ensure(kpi('orders') === orders.length, `the report shows ${orders.length} orders`);
  ensure(kpi('sales_fen') === expected, `the report shows sales of ${expected} fen`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await boh.close();
}
