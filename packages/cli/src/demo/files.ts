import { writeFileSync } from 'node:fs';
import { makeDirectorySync } from '../files/make-directory.js';
import { join } from 'node:path';
import { generateChain, type DemoChain } from './chain.js';
import { footfallCsv } from './footfall.js';
import { expenseEntries } from './expenses.js';
import { labourHoursCsv, labourRows } from './labour-hours.js';
import { openingStockCsv } from './opening-stock.js';
import { generateOrders, type DemoOrder } from './orders.js';
import { generateStatements, yuan, type PlantedDifference } from './statements.js';

export interface DemoSettings {
  period: string;
  stores: number;
  seed: number;
}

/** The files of a generated demo chain, in the order they are loaded. */
export interface DemoFiles {
  /** One JSON Lines file per master-data resource, parents before children. */
  masterData: { resource: string; file: string }[];
  /** The POS order export: one row per order line, as a chain's POS writes it. */
  orders: string;
  /** The WeChat Pay and Alipay merchant bills of the month. */
  statements: string[];
  /** The opening stock (期初) of every store and item, for `boh import opening_stock`. */
  openingStock: string;
  /** The month's labour hours (工时) of every store, for `boh import labour_hours`. */
  labourHours: string;
  /** The month's daily visitor counts (客流) of every store, for `boh import footfall`. */
  footfall: string;
  /** The month's payroll and rent vouchers of every store: a JSON array of journal entries. */
  expenses: string;
  /** The differences planted in the bills, which the reconciliation must find. */
  planted: PlantedDifference[];
  orderCount: number;
}

/**
 * Generate a chain, a month of its orders and the month's payment bills, and write them into
 * `folder/input`. The same settings always write the same bytes.
 */
export function writeDemoFiles(folder: string, settings: DemoSettings): DemoFiles {
  const input = join(folder, 'input');
  makeDirectorySync(join(input, 'master-data'));

  const chain = generateChain(settings.seed, settings.stores);
  const orders = generateOrders(chain, settings.period, settings.seed);
  const statements = generateStatements(orders, settings.period, settings.seed);

  const masterData = masterDataRecords(chain).map(([resource, records]) => {
    const file = join(input, 'master-data', `${resource}.jsonl`);
    writeFileSync(file, records.map((record) => JSON.stringify(record)).join('\n') + '\n');
    return { resource, file };
  });

  const openingFile = join(input, `opening-stock-${settings.period}.csv`);
  writeFileSync(openingFile, openingStockCsv(chain, orders, settings.period));
  const labourFile = join(input, `labour-hours-${settings.period}.csv`);
  const labour = labourRows(chain, orders, settings.period, settings.seed);
  writeFileSync(labourFile, labourHoursCsv(labour));
  const expensesFile = join(input, `expense-entries-${settings.period}.json`);
  writeFileSync(expensesFile, `${JSON.stringify(expenseEntries(chain, labour, settings.period, settings.seed), null, 2)}\n`);
  const footfallFile = join(input, `footfall-${settings.period}.csv`);
  writeFileSync(footfallFile, footfallCsv(chain, orders, settings.period, settings.seed));
  const ordersFile = join(input, `pos-orders-${settings.period}.csv`);
  writeFileSync(ordersFile, ordersCsv(orders));
  const wechat = join(input, `wechat-${settings.period}.csv`);
  const alipay = join(input, `alipay-${settings.period}.csv`);
  writeFileSync(wechat, statements.wechat);
  writeFileSync(alipay, statements.alipay);
  writeFileSync(join(input, 'planted-differences.json'), `${JSON.stringify(statements.planted, null, 2)}\n`);

  return { masterData, openingStock: openingFile, labourHours: labourFile, footfall: footfallFile, expenses: expensesFile, orders: ordersFile, statements: [wechat, alipay], planted: statements.planted, orderCount: orders.length };
}

function masterDataRecords(chain: DemoChain): [string, object[]][] {
  return [
    ['region', chain.regions],
    ['store', chain.stores],
    ['item', chain.items],
    ['menu_item', chain.menuItems],
    ['supplier', chain.suppliers],
    ['employee', chain.employees],
    ['asset', chain.assets],
  ];
}

/** Column headers of the POS export, in the Chinese a POS back office writes. */
const ORDER_HEADER = [
  '订单号', '门店编码', '下单时间', '渠道', '客人数', '菜品编码', '数量', '单价', '优惠',
  '支付方式', '实收', '交易号', '商户订单号',
];

/**
 * Write the orders as a POS export: one row per order line with the order's columns repeated,
 * times in China wall-clock time, amounts in yuan. Orders have one payment each.
 */
function ordersCsv(orders: DemoOrder[]): string {
  const rows = [ORDER_HEADER.join(',')];
  for (const order of orders) {
    const payment = order.payments[0]!;
    const local = chinaText(order.orderedAt);
    for (const line of order.lines) {
      rows.push(
        [
          order.orderNumber, order.storeCode, local, order.channel, String(order.guests), line.menuItemCode,
          String(line.quantity), yuan(line.unitPriceFen), yuan(line.discountFen),
          payment.method, yuan(payment.amountFen), payment.transactionId ?? '', payment.merchantOrderNo,
        ].join(','),
      );
    }
  }
  return `\ufeff${rows.join('\r\n')}\r\n`;
}

function chinaText(instant: string): string {
  return new Date(Date.parse(instant) + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}
