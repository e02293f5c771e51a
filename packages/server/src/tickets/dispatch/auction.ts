/**
 * A balanced assignment of tickets to technicians, solved as a min-cost assignment with
 * capacities by the auction algorithm (Bertsekas) with ε-scaling.
 *
 * Each technician t offers `capacity[t]` slots. Slot s costs `slotCost * (open[t] + s)` on top
 * of the ticket's own cost, so every further ticket in a queue costs more than the one before. That convex load cost is what balances the plan: a ticket goes to a busier technician
 * only when the saving in travel, skill and SLA outweighs the extra load. A ticket may stay
 * unassigned at `unassignedCost[i]`, which is how capacity shortages are settled: the tickets
 * with the lowest cost of waiting (the least urgent) are the ones left out.
 *
 * With integer costs scaled by n + 1 and a final ε of 1, the result is an optimal assignment
 * (ε-complementary slackness with ε < 1/n on the unscaled problem).
 */
export interface AssignmentProblem {
  tickets: number;
  technicians: number;
  /** Per ticket, the candidate technicians and the ticket's cost with each (without load). */
  candidates: readonly { technician: number; cost: number }[][];
  /** Cost of leaving each ticket unassigned. */
  unassignedCost: readonly number[];
  /** Open tickets each technician has already. */
  open: readonly number[];
  /** Further tickets each technician can take. */
  capacity: readonly number[];
  /** Cost of each ticket in a technician's queue. */
  slotCost: number;
}

export interface AssignmentResult {
  /** The technician of each ticket, or -1 when left unassigned. */
  technicianOf: Int32Array;
  totalCost: number;
}

const NONE = -1;
/** How much ε shrinks from one phase to the next. */
const EPSILON_FACTOR = 5;

/**
 * The problem is made symmetric before the auction, because ε-scaling keeps prices from one
 * phase to the next and is only exact when every object ends up owned: each ticket gets a private
 * "unassigned" object worth −unassignedCost to it, and one filler person per slot may take any
 * slot or any private object at value 0. Fillers thus own the slots nobody needs and the private
 * objects of tickets that were placed. A filler's best object is simply the cheapest one, kept in
 * a heap of prices.
 */
export function solveAssignment(problem: AssignmentProblem): AssignmentResult {
  const n = problem.tickets;
  const scale = n + 1;
  // Costs in tenths of a point, scaled by n + 1 so that a final ε of 1 is exact.
  const round = (cost: number) => Math.round(cost * 10) * scale;

  // Objects: slots 0 … S-1 (by technician), then the private object of ticket i at S + i.
  const slotStart = new Int32Array(problem.technicians + 1);
  for (let t = 0; t < problem.technicians; t++) slotStart[t + 1] = slotStart[t]! + Math.max(0, problem.capacity[t]!);
  const slots = slotStart[problem.technicians]!;
  const objects = slots + n;
  const slotValue = new Float64Array(slots);
  for (let t = 0; t < problem.technicians; t++) {
    for (let s = slotStart[t]!; s < slotStart[t + 1]!; s++) slotValue[s] = -round(problem.slotCost * (problem.open[t]! + s - slotStart[t]!));
  }
  const price = new Float64Array(objects);
  const owner = new Int32Array(objects);
  // Persons: tickets 0 … n-1, then one filler per slot.
  const persons = n + slots;
  const objectOf = new Int32Array(persons);

  // Per technician: its best slot for a ticket (value minus price) and the second best.
  const best1 = new Float64Array(problem.technicians);
  const best2 = new Float64Array(problem.technicians);
  const bestSlot = new Int32Array(problem.technicians);
  const rescan = (t: number) => {
    let v1 = -Infinity;
    let v2 = -Infinity;
    let at = NONE;
    for (let s = slotStart[t]!; s < slotStart[t + 1]!; s++) {
      const v = slotValue[s]! - price[s]!;
      if (v > v1) {
        v2 = v1;
        v1 = v;
        at = s;
      } else if (v > v2) v2 = v;
    }
    best1[t] = v1;
    best2[t] = v2;
    bestSlot[t] = at;
  };
  const technicianOfSlot = new Int32Array(slots);
  for (let t = 0; t < problem.technicians; t++) for (let s = slotStart[t]!; s < slotStart[t + 1]!; s++) technicianOfSlot[s] = t;

  const benefit = problem.candidates.map((list) => list.map((c) => -round(c.cost)));
  const stay = problem.unassignedCost.map((cost) => -round(cost));
  const heap = new PriceHeap(objects);

  // ε starts at a quarter of the spread of the candidates' costs: the prices settle in few
  // phases, and the phases after the first only refine them.
  let lowest = Infinity;
  let highest = -Infinity;
  for (let i = 0; i < n; i++) {
    for (const b of benefit[i]!) {
      lowest = Math.min(lowest, b);
      highest = Math.max(highest, b);
    }
  }
  const spread = Number.isFinite(lowest) ? Math.max(1, highest - lowest) : 1;
  let epsilon = Math.max(1, Math.floor(spread / 4));

  const queue = new Int32Array(persons + 1);
  const size = persons + 1;
  for (;;) {
    objectOf.fill(NONE);
    owner.fill(NONE);
    for (let t = 0; t < problem.technicians; t++) rescan(t);
    heap.reset(price);
    let head = 0;
    let tail = 0;
    for (let p = 0; p < persons; p++) queue[tail++ % size] = p;

    while (head !== tail) {
      const person = queue[head++ % size]!;
      let chosen: number;
      let increment: number;

      if (person < n) {
        const i = person;
        const list = problem.candidates[i]!;
        let first = stay[i]! - price[slots + i]!;
        let second = -Infinity;
        chosen = slots + i;
        let chosenTechnician = NONE;
        for (let k = 0; k < list.length; k++) {
          const t = list[k]!.technician;
          if (bestSlot[t] === NONE) continue;
          const b = benefit[i]![k]!;
          const v1 = b + best1[t]!;
          if (v1 > first) {
            second = Math.max(first, b + best2[t]!);
            first = v1;
            chosen = bestSlot[t]!;
            chosenTechnician = t;
          } else if (v1 > second) {
            second = v1;
          }
        }
        // A ticket alone with its private object: bid as if the next best were far away.
        if (second === -Infinity) second = first - spread;
        increment = first - second + epsilon;
        price[chosen]! += increment;
        if (chosenTechnician !== NONE) rescan(chosenTechnician);
      } else {
        const [cheapest, next] = heap.twoCheapest(price);
        chosen = cheapest;
        increment = (next === NONE ? 0 : price[next]! - price[cheapest]!) + epsilon;
        price[chosen]! += increment;
        if (chosen < slots) rescan(technicianOfSlot[chosen]!);
      }
      heap.update(chosen, price);

      const previous = owner[chosen]!;
      owner[chosen] = person;
      objectOf[person] = chosen;
      if (previous !== NONE) {
        objectOf[previous] = NONE;
        queue[tail++ % size] = previous;
      }
    }

    if (epsilon === 1) break;
    epsilon = Math.max(1, Math.floor(epsilon / EPSILON_FACTOR));
  }

  const technicianOf = new Int32Array(n).fill(-1);
  let totalCost = 0;
  const used = new Int32Array(problem.technicians);
  for (let i = 0; i < n; i++) {
    const object = objectOf[i]!;
    if (object >= slots) {
      totalCost += problem.unassignedCost[i]!;
      continue;
    }
    const t = technicianOfSlot[object]!;
    technicianOf[i] = t;
    const candidate = problem.candidates[i]!.find((c) => c.technician === t)!;
    totalCost += candidate.cost + problem.slotCost * (problem.open[t]! + used[t]!);
    used[t]! += 1;
  }
  return { technicianOf, totalCost };
}

/** A binary min-heap of object ids by price; prices only rise, so stale entries are skipped. */
class PriceHeap {
  #ids: number[] = [];
  #keys: number[] = [];
  readonly #objects: number;

  constructor(objects: number) {
    this.#objects = objects;
  }

  reset(price: Float64Array): void {
    this.#ids = [];
    this.#keys = [];
    for (let o = 0; o < this.#objects; o++) this.#push(o, price[o]!);
  }

  update(object: number, price: Float64Array): void {
    this.#push(object, price[object]!);
  }

  /** The cheapest object and the next cheapest (NONE when there is one object). */
  twoCheapest(price: Float64Array): [number, number] {
    const first = this.#popFresh(price);
    const second = this.#ids.length > 0 ? this.#peekFresh(price) : NONE;
    this.#push(first, price[first]!);
    return [first, second];
  }

  #peekFresh(price: Float64Array): number {
    while (this.#keys[0] !== price[this.#ids[0]!]) this.#pop();
    return this.#ids[0]!;
  }

  #popFresh(price: Float64Array): number {
    const id = this.#peekFresh(price);
    this.#pop();
    return id;
  }

  #push(id: number, key: number): void {
    const ids = this.#ids;
    const keys = this.#keys;
    let i = ids.length;
    ids.push(id);
    keys.push(key);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent]! <= key) break;
      ids[i] = ids[parent]!;
      keys[i] = keys[parent]!;
      i = parent;
    }
    ids[i] = id;
    keys[i] = key;
  }

  #pop(): void {
    const ids = this.#ids;
    const keys = this.#keys;
    const lastId = ids.pop()!;
    const lastKey = keys.pop()!;
    if (ids.length === 0) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= ids.length) break;
      const right = left + 1;
      const child = right < ids.length && keys[right]! < keys[left]! ? right : left;
      if (keys[child]! >= lastKey) break;
      ids[i] = ids[child]!;
      keys[i] = keys[child]!;
      i = child;
    }
    ids[i] = lastId;
    keys[i] = lastKey;
  }
}
