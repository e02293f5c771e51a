// Generates a month of WeChat Pay payments: the POS side as order and payment rows, and the
// merchant bill (交易账单) of the same payments as a CSV file, with faults injected into 1 % of
// them in equal shares. Deterministic: the same count gives the same data.

import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

export const FAULTS = ['dropped_line', 'extra_line', 'amount_difference', 'duplicate_line', 'across_midnight', 'no_ids', 'split'];

const HEADER = '交易时间,公众账号ID,商户号,子商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,总金额,代金券或立减优惠金额,微信退款单号,商户退款单号,退款金额,代金券或立减优惠退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率';
const HOUR = 3_600_000;

function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/** One payment per order; `fault` is set on every hundredth. */
export function* generatePayments(count, stores) {
  const next = random(20240101);
  for (let i = 0; i < count; i++) {
    const day = 1 + (i % 31);
    const fault = i % 100 === 50 ? FAULTS[Math.floor(i / 100) % FAULTS.length] : null;
    // Local 08:00–21:59 in Shanghai (UTC+8), or 23:59:59 for a payment settled after midnight.
    const local = fault === 'across_midnight' ? 24 * HOUR - 1000 : 8 * HOUR + Math.floor(next() * 14 * HOUR);
    const atMs = Date.UTC(2024, 0, day) - 8 * HOUR + local;
    const amount = 100 + Math.floor(next() * 30_000);
    yield { i, store: stores[i % stores.length], atMs, amount, fault, transactionId: `42000000002024${String(i).padStart(14, '0')}`, merchantOrderNumber: `M${String(i).padStart(12, '0')}` };
  }
}

function wallClock(atMs) {
  return new Date(atMs + 8 * HOUR).toISOString().slice(0, 19).replace('T', ' ');
}

function row(atMs, transactionId, merchantOrderNumber, fen) {
  const yuan = (fen / 100).toFixed(2);
  // 0.6 % fee in thousandths of a fen, written with five decimals of yuan.
  const fee = (Math.round(fen * 6) / 100_000).toFixed(5);
  return { text: `\`${wallClock(atMs)},\`wx0000000000000001,\`1900000001,\`0,\`POS01,\`${transactionId},\`${merchantOrderNumber},\`oUser,\`MICROPAY,\`SUCCESS,\`OTHERS,\`CNY,\`${yuan},\`0.00,\`0,\`0,\`0.00,\`0.00,\`,\`,\`午市套餐,\`,\`${fee},\`0.60%`, fen, feeMilli: Math.round(fen * 6) };
}

/** Write the bill of the payments to `path`; returns the counts of lines and faults. */
export async function writeBill(path, count, stores) {
  const output = createWriteStream(path);
  let buffer = `${HEADER}\n`;
  let lines = 0;
  let gross = 0;
  let fees = 0;
  const faults = Object.fromEntries(FAULTS.map((fault) => [fault, 0]));
  const emit = async (r) => {
    buffer += `${r.text}\n`;
    lines++;
    gross += r.fen;
    fees += r.feeMilli;
    if (buffer.length > 1 << 20) {
      if (!output.write(buffer)) await once(output, 'drain');
      buffer = '';
    }
  };
  for (const p of generatePayments(count, stores)) {
    if (p.fault) faults[p.fault]++;
    switch (p.fault) {
      case 'dropped_line':
        break;
      case 'extra_line':
        await emit(row(p.atMs, p.transactionId, p.merchantOrderNumber, p.amount));
        await emit(row(p.atMs + 60_000, `${p.transactionId.slice(0, -1)}X`, `X${p.merchantOrderNumber}`, p.amount + 7));
        break;
      case 'amount_difference':
        await emit(row(p.atMs, p.transactionId, p.merchantOrderNumber, p.amount - 50));
        break;
      case 'duplicate_line':
        await emit(row(p.atMs, p.transactionId, p.merchantOrderNumber, p.amount));
        await emit(row(p.atMs, p.transactionId, p.merchantOrderNumber, p.amount));
        break;
      case 'across_midnight':
        await emit(row(p.atMs + 4000, p.transactionId, p.merchantOrderNumber, p.amount));
        break;
      case 'no_ids':
        await emit(row(p.atMs + 2000, `W${p.transactionId}`, `W${p.merchantOrderNumber}`, p.amount));
        break;
      case 'split': {
        const first = Math.floor(p.amount / 2);
        await emit(row(p.atMs, `${p.transactionId}A`, p.merchantOrderNumber, first));
        await emit(row(p.atMs, `${p.transactionId}B`, p.merchantOrderNumber, p.amount - first));
        break;
      }
      default:
        await emit(row(p.atMs, p.transactionId, p.merchantOrderNumber, p.amount));
    }
  }
  buffer += '总交易单数,总交易额,总退款金额,总代金券或立减优惠退款金额,手续费总金额\n';
  buffer += `\`${lines},\`${(gross / 100).toFixed(2)},\`0.00,\`0.00,\`${(fees / 100_000).toFixed(5)}\n`;
  output.write(buffer);
  output.end();
  await once(output, 'finish');
  return { lines, faults };
}
