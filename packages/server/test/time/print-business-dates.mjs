// Prints the Shanghai business date of each instant given, for the process-time-zone test. It
// runs the built code, so `npm test` builds first.
import { businessDate } from '../../dist/time/business-date.js';

for (const instant of process.argv.slice(2)) console.log(businessDate(instant, 'Asia/Shanghai', '00:00'));
