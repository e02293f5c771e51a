// The dimensions a section can group by: the columns each adds to the report, and the SQL
// expression it groups on. Names (store, region, item) are looked up after the query.

import type { ColumnType, LocalizedText } from '../render/document.js';
import type { DialectName } from '../../db/connect.js';
import type { SourceSpec } from './sources.js';

export interface DimensionColumn {
  readonly key: string;
  readonly label: LocalizedText;
  readonly type: ColumnType;
}

const column = (key: string, en: string, zh: string, type: ColumnType = 'text'): DimensionColumn => ({ key, label: { en, 'zh-CN': zh }, type });

const COLUMNS: Readonly<Record<string, readonly DimensionColumn[]>> = {
  store: [column('store_code', 'Store code', '门店编码', 'code'), column('store_name', 'Store', '门店')],
  region: [column('region_code', 'Region code', '区域编码', 'code'), column('region_name', 'Region', '区域')],
  brand: [column('brand', 'Brand', '品牌')],
  date: [column('business_date', 'Business date', '营业日', 'date')],
  weekday: [column('weekday', 'Weekday (1 = Monday)', '星期（1 = 周一）', 'integer')],
  hour: [column('hour', 'Hour', '时段（时）', 'integer')],
  channel: [column('channel', 'Channel', '渠道')],
  method: [column('method', 'Payment method', '支付方式')],
  item: [column('item_code', 'Item code', '品项编码', 'code'), column('item_name', 'Item', '品项')],
  kind: [column('kind', 'Kind', '类型')],
  role: [column('role', 'Role', '岗位')],
  category: [column('category', 'Category', '类别')],
  priority: [column('priority', 'Priority', '优先级')],
  status: [column('status', 'Status', '状态')],
  state: [column('state', 'Reconciliation state', '对账状态')],
  account: [column('account_code', 'Account', '科目', 'code')],
  supplier: [column('supplier_code', 'Supplier', '供应商', 'code')],
};

/** Return the report columns of a dimension; an unknown name has none. */
export function dimensionColumns(name: string): readonly DimensionColumn[] {
  return COLUMNS[name] ?? [];
}

/** True when grouping or filtering by this needs the stores table joined as `s`. */
export function needsStoreJoin(name: string): boolean {
  return name === 'region' || name === 'brand';
}

/** Return the SQL expression the dimension groups on, over the source table aliased `t`. */
export function dimensionSql(name: string, source: SourceSpec, dialect: DialectName): string {
  switch (name) {
    case 'store':
      return `t.${source.store}`;
    case 'region':
      return 's.region_code';
    case 'brand':
      return 's.brand';
    case 'date':
      return `t.${source.date!.column}`;
    case 'weekday':
      // ISO weekday, 1 = Monday … 7 = Sunday, on both dialects.
      return dialect === 'postgres'
        ? `cast(extract(isodow from cast(t.${source.date!.column} as date)) as integer)`
        : `((cast(strftime('%w', t.${source.date!.column}) as integer) + 6) % 7 + 1)`;
    default: {
      const column = source.dimensions[name]!;
      return column.includes('.') ? column : `t.${column}`;
    }
  }
}
