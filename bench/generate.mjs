// Seeded generator of benchmark inputs: a sales-shaped CSV of 1,000,000 lines, a store file of
// the same row count and width (the import target that exists today), both in UTF-8 and GBK,
// and an XLSX of 100,000 stores. The same seed gives the same bytes on every machine.
//
//   node bench/generate.mjs [folder] [rows]      default bench/data, 1000000

import { createWriteStream, mkdirSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

const folder = process.argv[2] ?? new URL('./data/', import.meta.url).pathname;
const rows = Number(process.argv[3] ?? 1_000_000);
const XLSX_ROWS = Math.min(100_000, rows);
mkdirSync(folder, { recursive: true });

/** mulberry32: a small 32-bit PRNG, enough for test data. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CITIES = ['上海', '北京', '广州', '深圳', '杭州', '成都', '武汉', '南京', '苏州', '西安'];
const ROADS = ['南京西路', '淮海中路', '人民路', '解放路', '中山路', '建设路', '长江路', '和平路'];
const SUFFIXES = ['店', '旗舰店', '万达店', '站前店', '广场店'];
const CHANNELS = ['dine_in', 'takeaway', 'delivery_meituan', 'delivery_eleme', 'mini_program'];
const METHODS = ['wechat', 'alipay', 'unionpay', 'cash', 'stored_value'];
const ITEMS = ['LATTE', 'AMERICANO', 'MOCHA', 'FLATWHITE', 'CROISSANT', 'BAGEL', 'MUFFIN', 'COLDBREW'];

const pick = (next, list) => list[Math.floor(next() * list.length)];
const pad = (value, width) => String(value).padStart(width, '0');

function storeLine(next, index) {
  const city = pick(next, CITIES);
  const road = pick(next, ROADS);
  const latitude = (22 + next() * 18).toFixed(4);
  const longitude = (103 + next() * 19).toFixed(4);
  const area = (40 + next() * 260).toFixed(1);
  const opened = `20${pad(10 + Math.floor(next() * 14), 2)}-${pad(1 + Math.floor(next() * 12), 2)}-${pad(1 + Math.floor(next() * 28), 2)}`;
  return `S${pad(index, 7)},${city}${road}${pick(next, SUFFIXES)},${city},${road}${1 + Math.floor(next() * 999)}号,021-${pad(Math.floor(next() * 1e8), 8)},${latitude},${longitude},${area},${opened}\n`;
}

function salesLine(next, index) {
  const order = Math.floor(index / 3);
  const minute = order % 1440;
  const at = `2024-01-${pad(1 + (order % 28), 2)} ${pad(Math.floor(minute / 60), 2)}:${pad(minute % 60, 2)}:${pad(order % 60, 2)}`;
  const price = (18 + Math.floor(next() * 30)).toFixed(2);
  const discount = next() < 0.2 ? '3.00' : '0.00';
  return `SO${pad(order, 9)},${(index % 3) + 1},${pad(1 + (order % 2000), 4)},${at},${pick(next, ITEMS)},${1 + Math.floor(next() * 3)},${price},${discount},${pick(next, CHANNELS)},${pick(next, METHODS)}\n`;
}

async function writeCsv(name, header, line, count, encoding) {
  const next = random(20240105);
  const output = createWriteStream(join(folder, name));
  let chunk = header;
  for (let index = 1; index <= count; index += 1) {
    chunk += line(next, index);
    if (chunk.length > 1 << 16 || index === count) {
      const bytes = encoding === 'gbk' ? iconv.encode(chunk, 'gbk') : Buffer.from(chunk, 'utf8');
      chunk = '';
      if (!output.write(bytes)) await once(output, 'drain');
    }
  }
  output.end();
  await once(output, 'finish');
}

async function writeXlsx(name, count) {
  const next = random(20240105);
  const output = createWriteStream(join(folder, name));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useSharedStrings: false });
  const sheet = workbook.addWorksheet('门店');
  sheet.addRow(STORE_HEADER.trim().split(',')).commit();
  for (let index = 1; index <= count; index += 1) {
    const cells = storeLine(next, index).trim().split(',');
    sheet.addRow([cells[0], cells[1], cells[2], cells[3], cells[4], Number(cells[5]), Number(cells[6]), Number(cells[7]), cells[8]]).commit();
    // exceljs does not wait for the file; yielding now and then lets the zip drain.
    if (index % 1000 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  sheet.commit();
  await workbook.commit();
}

const STORE_HEADER = '门店编码,门店名称,城市,地址,电话,纬度,经度,面积,开业日期\n';
const SALES_HEADER = '订单号,行号,门店编码,下单时间,菜品编码,数量,单价,优惠,渠道,支付方式\n';

for (const encoding of ['utf8', 'gbk']) {
  await writeCsv(`stores-${rows}.${encoding}.csv`, STORE_HEADER, storeLine, rows, encoding);
  await writeCsv(`sales-${rows}.${encoding}.csv`, SALES_HEADER, salesLine, rows, encoding);
}
await writeXlsx(`stores-${XLSX_ROWS}.xlsx`, XLSX_ROWS);
console.log(`Wrote the benchmark inputs to ${folder}`);
