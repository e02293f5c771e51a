import type { components } from '@boh/sdk';
import { daysOfMonth } from './calendar.js';
import type { DemoChain } from './chain.js';
import type { LabourRow } from './labour-hours.js';
import { Random } from './random.js';

type JournalEntryInput = components['schemas']['JournalEntryInput'];

/** Monthly rent per square metre of floor area, in yuan: the range a store draws from. */
const RENT_PER_SQUARE_METRE = { min: 180, max: 420 };

/**
 * Build the month's expense vouchers of every store, dated the last day of the month, as a
 * chain's accountant posts them before closing. The accrued payroll (计提工资) debits 5601.01
 * and credits 2211 with the store's labour cost from the labour hours file. The rent (房租)
 * of its floor area debits 5601.02 and credits 2241. The store P&L reads labour and rent
 * from these accounts.
 */
export function expenseEntries(chain: DemoChain, labour: readonly LabourRow[], period: string, seed: number): JournalEntryInput[] {
  const random = new Random(seed ^ 0x7e47);
  const lastDay = daysOfMonth(period).at(-1)!;
  const payrollFen = new Map<string, number>();
  for (const row of labour) payrollFen.set(row.storeCode, (payrollFen.get(row.storeCode) ?? 0) + row.costFen);

  const entries: JournalEntryInput[] = [];
  for (const store of chain.stores) {
    const payroll = payrollFen.get(store.code) ?? 0;
    if (payroll > 0) {
      entries.push({
        entry_date: lastDay,
        store_code: store.code,
        memo: `计提 ${period} 工资`,
        lines: [
          { account_code: '5601.01', debit_fen: payroll },
          { account_code: '2211', credit_fen: payroll },
        ],
      });
    }

    const rentFen = Math.round((store.area_m2 ?? 0) * random.int(RENT_PER_SQUARE_METRE.min, RENT_PER_SQUARE_METRE.max) * 100);
    if (rentFen > 0) {
      entries.push({
        entry_date: lastDay,
        store_code: store.code,
        memo: `${period} 房租`,
        lines: [
          { account_code: '5601.02', debit_fen: rentFen },
          { account_code: '2241', credit_fen: rentFen },
        ],
      });
    }
  }
  return entries;
}
