import type { components } from '@boh/sdk';
import { Random } from './random.js';

type Schemas = components['schemas'];

/** The master data of the demo chain, in the API's create shapes. */
export interface DemoChain {
  regions: Schemas['RegionCreate'][];
  stores: Schemas['StoreCreate'][];
  items: Schemas['ItemCreate'][];
  menuItems: Schemas['MenuItemCreate'][];
  suppliers: Schemas['SupplierCreate'][];
  employees: Schemas['EmployeeCreate'][];
  assets: Schemas['AssetCreate'][];
  /** How busy each store is: average orders on a weekday. */
  traffic: Record<string, { weekdayOrders: number; weekendFactor: number }>;
}

interface City {
  name: string;
  region: string;
  latitude: number;
  longitude: number;
  districts: string[];
}

const CITIES: City[] = [
  { name: '上海', region: 'EAST', latitude: 31.2304, longitude: 121.4737, districts: ['静安区', '徐汇区', '浦东新区', '长宁区'] },
  { name: '杭州', region: 'EAST', latitude: 30.2741, longitude: 120.1551, districts: ['西湖区', '上城区', '滨江区'] },
  { name: '南京', region: 'EAST', latitude: 32.0603, longitude: 118.7969, districts: ['鼓楼区', '玄武区'] },
  { name: '北京', region: 'NORTH', latitude: 39.9042, longitude: 116.4074, districts: ['朝阳区', '海淀区', '东城区'] },
  { name: '深圳', region: 'SOUTH', latitude: 22.5431, longitude: 114.0579, districts: ['南山区', '福田区'] },
  { name: '广州', region: 'SOUTH', latitude: 23.1291, longitude: 113.2644, districts: ['天河区', '越秀区'] },
  { name: '成都', region: 'WEST', latitude: 30.5728, longitude: 104.0668, districts: ['锦江区', '武侯区'] },
];

const STREETS = ['南京西路', '淮海中路', '人民路', '中山路', '解放路', '建国路', '长安街', '天府大道', '深南大道', '体育西路'];
const MALLS = ['来福士', '万象城', '大悦城', '太古里', '银泰', '万达广场', '龙湖天街'];

/** Raw materials a coffee shop stocks, with their base unit and standard cost. */
const ITEMS: Schemas['ItemCreate'][] = [
  { code: 'RM-BEAN', name: '意式拼配咖啡豆', category: '咖啡豆', kind: 'raw_material', base_unit: 'g', pack_units: [{ unit: '袋', factor: 1000 }], standard_cost_fen: 16000, cost_unit: '袋', tax_category: 'goods' },
  { code: 'RM-MILK', name: '全脂牛奶', category: '乳品', kind: 'raw_material', base_unit: 'ml', pack_units: [{ unit: '盒', factor: 1000 }, { unit: '箱', factor: 12000 }], standard_cost_fen: 1500, cost_unit: '盒', tax_category: 'agricultural' },
  { code: 'RM-OAT', name: '燕麦奶', category: '乳品', kind: 'raw_material', base_unit: 'ml', pack_units: [{ unit: '盒', factor: 1000 }], standard_cost_fen: 2600, cost_unit: '盒', tax_category: 'goods' },
  { code: 'RM-SYRUP', name: '香草糖浆', category: '辅料', kind: 'raw_material', base_unit: 'ml', pack_units: [{ unit: '瓶', factor: 750 }], standard_cost_fen: 6800, cost_unit: '瓶', tax_category: 'goods' },
  { code: 'RM-COCOA', name: '可可粉', category: '辅料', kind: 'raw_material', base_unit: 'g', pack_units: [{ unit: '袋', factor: 500 }], standard_cost_fen: 4500, cost_unit: '袋', tax_category: 'goods' },
  { code: 'RM-SUGAR', name: '白砂糖', category: '辅料', kind: 'raw_material', base_unit: 'g', pack_units: [{ unit: '袋', factor: 1000 }], standard_cost_fen: 900, cost_unit: '袋', tax_category: 'goods' },
  { code: 'PK-CUP', name: '12oz 纸杯', category: '包材', kind: 'packaging', base_unit: '个', pack_units: [{ unit: '箱', factor: 1000 }], standard_cost_fen: 32000, cost_unit: '箱', tax_category: 'goods' },
  { code: 'PK-LID', name: '杯盖', category: '包材', kind: 'packaging', base_unit: '个', pack_units: [{ unit: '箱', factor: 1000 }], standard_cost_fen: 12000, cost_unit: '箱', tax_category: 'goods' },
  { code: 'FG-CROISSANT', name: '黄油可颂', category: '烘焙', kind: 'merchandise', base_unit: '个', pack_units: [{ unit: '箱', factor: 24 }], standard_cost_fen: 9600, cost_unit: '箱', tax_category: 'goods' },
  { code: 'FG-SANDWICH', name: '火腿芝士三明治', category: '轻食', kind: 'merchandise', base_unit: '个', pack_units: [], standard_cost_fen: 900, cost_unit: '个', tax_category: 'goods' },
  { code: 'FG-CHEESECAKE', name: '纽约芝士蛋糕', category: '甜品', kind: 'merchandise', base_unit: '块', pack_units: [{ unit: '盒', factor: 8 }], standard_cost_fen: 9600, cost_unit: '盒', tax_category: 'goods' },
  { code: 'SP-GASKET', name: '冲煮头密封圈', category: '备件', kind: 'spare_part', base_unit: '个', pack_units: [], standard_cost_fen: 4500, cost_unit: '个', tax_category: 'goods' },
];

const espresso = (grams: number) => ({ component_type: 'item' as const, code: 'RM-BEAN', quantity: grams, loss_rate: 0.02 });
const cup = [
  { component_type: 'item' as const, code: 'PK-CUP', quantity: 1 },
  { component_type: 'item' as const, code: 'PK-LID', quantity: 1 },
];

/** The menu: drinks with recipes (a house syrup as a sub-recipe) and packaged food. */
const MENU: Schemas['MenuItemCreate'][] = [
  { code: 'SUB-SYRUP', name: '自制香草糖浆', category: '半成品', price_fen: 0, sellable: false, recipe_yield: 10, components: [
    { component_type: 'item', code: 'RM-SYRUP', quantity: 150 },
    { component_type: 'item', code: 'RM-SUGAR', quantity: 100, loss_rate: 0.05 },
  ] },
  { code: 'D-AMERICANO', name: '美式咖啡', category: '咖啡', price_fen: 2500, components: [espresso(18), ...cup] },
  { code: 'D-LATTE', name: '拿铁', category: '咖啡', price_fen: 3200, components: [espresso(18), { component_type: 'item', code: 'RM-MILK', quantity: 200, loss_rate: 0.03 }, ...cup] },
  { code: 'D-OAT-LATTE', name: '燕麦拿铁', category: '咖啡', price_fen: 3500, components: [espresso(18), { component_type: 'item', code: 'RM-OAT', quantity: 200, loss_rate: 0.03 }, ...cup] },
  { code: 'D-CAPPUCCINO', name: '卡布奇诺', category: '咖啡', price_fen: 3200, components: [espresso(18), { component_type: 'item', code: 'RM-MILK', quantity: 150, loss_rate: 0.05 }, ...cup] },
  { code: 'D-VANILLA-LATTE', name: '香草拿铁', category: '咖啡', price_fen: 3600, components: [espresso(18), { component_type: 'item', code: 'RM-MILK', quantity: 180, loss_rate: 0.03 }, { component_type: 'menu_item', code: 'SUB-SYRUP', quantity: 1 }, ...cup] },
  { code: 'D-MOCHA', name: '摩卡', category: '咖啡', price_fen: 3600, components: [espresso(18), { component_type: 'item', code: 'RM-MILK', quantity: 160, loss_rate: 0.03 }, { component_type: 'item', code: 'RM-COCOA', quantity: 15 }, ...cup] },
  { code: 'F-CROISSANT', name: '黄油可颂', category: '烘焙', price_fen: 1800, components: [{ component_type: 'item', code: 'FG-CROISSANT', quantity: 1 }], tax_category: 'goods' },
  { code: 'F-SANDWICH', name: '火腿芝士三明治', category: '轻食', price_fen: 2800, components: [{ component_type: 'item', code: 'FG-SANDWICH', quantity: 1 }], tax_category: 'goods' },
  { code: 'F-CHEESECAKE', name: '纽约芝士蛋糕', category: '甜品', price_fen: 3200, components: [{ component_type: 'item', code: 'FG-CHEESECAKE', quantity: 1 }], tax_category: 'goods' },
];

/** Popularity of each sellable menu item in a basket. */
export const MENU_WEIGHTS: readonly (readonly [string, number])[] = [
  ['D-LATTE', 30], ['D-AMERICANO', 22], ['D-OAT-LATTE', 12], ['D-CAPPUCCINO', 9], ['D-VANILLA-LATTE', 8],
  ['D-MOCHA', 6], ['F-CROISSANT', 8], ['F-SANDWICH', 6], ['F-CHEESECAKE', 4],
];

/** Generate the chain: `storeCount` stores spread over Chinese cities, all from one seed. */
export function generateChain(seed: number, storeCount: number): DemoChain {
  const random = new Random(seed);
  const stores: DemoChain['stores'] = [];
  const traffic: DemoChain['traffic'] = {};
  const perCity = new Map<string, number>();

  for (let i = 0; i < storeCount; i++) {
    const city = CITIES[i % CITIES.length]!;
    const index = (perCity.get(city.name) ?? 0) + 1;
    perCity.set(city.name, index);
    const inMall = random.chance(0.5);
    const district = random.pick(city.districts);
    const code = `${city.region.slice(0, 1)}${String(i + 1).padStart(3, '0')}`;
    // One store in the first city runs late: its business day ends at 02:00.
    const lateNight = i === 0;
    stores.push({
      code,
      name: `${city.name}${inMall ? random.pick(MALLS) : random.pick(STREETS)}店`,
      brand: '晨光咖啡',
      region_code: city.region,
      city: city.name,
      address: `${city.name}市${district}${random.pick(STREETS)}${random.int(1, 1999)}号`,
      phone: `0${random.int(10, 99)}-${random.digits(8)}`,
      latitude: round(city.latitude + (random.next() - 0.5) * 0.12, 6),
      longitude: round(city.longitude + (random.next() - 0.5) * 0.12, 6),
      area_m2: random.int(45, 220),
      seats: random.int(12, 80),
      timezone: 'Asia/Shanghai',
      day_end_cutoff: lateNight ? '02:00' : '00:00',
      opened_on: `20${random.int(19, 24)}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`,
    });
    traffic[code] = { weekdayOrders: random.int(110, 260), weekendFactor: inMall ? 1.35 : 0.8 };
  }

  const regions: DemoChain['regions'] = [
    { code: 'EAST', name: '华东区', manager_name: '王芳' },
    { code: 'NORTH', name: '华北区', manager_name: '李强' },
    { code: 'SOUTH', name: '华南区', manager_name: '陈静' },
    { code: 'WEST', name: '西南区', manager_name: '刘洋' },
  ];

  const suppliers: DemoChain['suppliers'] = [
    { code: 'SUP-BEAN', name: '云南咖啡原料有限公司', uscc: '91530100MA6K5PQR38', contact_name: '赵敏', phone: '0871-65550001', payment_terms_days: 30 },
    { code: 'SUP-DAIRY', name: '光明乳业配送中心', uscc: '91310000MA1FL4XQ27', contact_name: '孙伟', phone: '021-62220002', payment_terms_days: 15 },
  ];

  const employees: DemoChain['employees'] = [];
  const assets: DemoChain['assets'] = [];
  for (const store of stores) {
    employees.push(
      { code: `${store.code}-M`, name: random.pick(['张伟', '王静', '李娜', '刘芳', '陈杰']), role: 'store_manager', store_code: store.code, hourly_cost_fen: 5500 },
      { code: `${store.code}-B1`, name: random.pick(['周婷', '吴磊', '郑洁', '冯超', '何敏']), role: 'barista', store_code: store.code, hourly_cost_fen: 3200 },
      { code: `${store.code}-B2`, name: random.pick(['许晴', '马骏', '朱琳', '胡斌', '郭佳']), role: 'barista', store_code: store.code, hourly_cost_fen: 3000 },
    );
    assets.push(
      { code: `${store.code}-ESP`, store_code: store.code, category: 'coffee_machine', name: '双头意式咖啡机', model: 'LM-Linea-PB', manufacturer: 'La Marzocco', serial_number: `LM${random.digits(8)}`, installed_on: store.opened_on, purchase_cost_fen: 9_800_000 },
      { code: `${store.code}-FRG`, store_code: store.code, category: 'refrigeration', name: '卧式冷藏柜', model: 'HR-1500', manufacturer: '海尔', serial_number: `HR${random.digits(8)}`, installed_on: store.opened_on, purchase_cost_fen: 680_000 },
    );
  }
  employees.push({ code: 'T-001', name: '黄海', role: 'technician', hourly_cost_fen: 6000, skills: [{ skill: 'coffee_machine', level: 4 }, { skill: 'refrigeration', level: 3 }] });

  return { regions, stores, items: ITEMS, menuItems: MENU, suppliers, employees, assets, traffic };
}

function round(value: number, places: number): number {
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
}
