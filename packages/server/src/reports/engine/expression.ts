// The small arithmetic language of report definitions: names, integers, + - * / and brackets.
// Sums compile it to SQL over a source's columns (without `/`, so sums stay exact integers);
// formulas evaluate it in JavaScript over a row's measures after the database added them up.

export type Expression =
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'binary'; readonly operator: '+' | '-' | '*' | '/'; readonly left: Expression; readonly right: Expression }
  | { readonly kind: 'negate'; readonly operand: Expression };

export class ExpressionError extends Error {}

const TOKEN = /\s*(?:([A-Za-z_][A-Za-z0-9_]*)|(\d+(?:\.\d+)?)|([-+*/()]))/y;

/** Parse `text`, raising ExpressionError naming the position of the first problem. */
export function parseExpression(text: string): Expression {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(text);
    if (!match) {
      const rest = text.slice(start);
      if (rest.trim() === '') break;
      const position = start + rest.length - rest.trimStart().length + 1;
      throw new ExpressionError(`unexpected character at position ${position} of "${text}"`);
    }
    tokens.push(match[1] ?? match[2] ?? match[3]!);
  }

  let position = 0;
  const peek = () => tokens[position];
  const expect = (token: string) => {
    if (tokens[position] !== token) throw new ExpressionError(`expected "${token}" in "${text}"`);
    position += 1;
  };

  const primary = (): Expression => {
    const token = tokens[position++];
    if (token === undefined) throw new ExpressionError(`"${text}" ends too early`);
    if (token === '(') {
      const inner = sum();
      expect(')');
      return inner;
    }
    if (token === '-') return { kind: 'negate', operand: primary() };
    if (/^\d/.test(token)) return { kind: 'number', value: Number(token) };
    if (/^[A-Za-z_]/.test(token)) return { kind: 'name', name: token };
    throw new ExpressionError(`unexpected "${token}" in "${text}"`);
  };
  const product = (): Expression => {
    let left = primary();
    while (peek() === '*' || peek() === '/') {
      const operator = tokens[position++] as '*' | '/';
      left = { kind: 'binary', operator, left, right: primary() };
    }
    return left;
  };
  const sum = (): Expression => {
    let left = product();
    while (peek() === '+' || peek() === '-') {
      const operator = tokens[position++] as '+' | '-';
      left = { kind: 'binary', operator, left, right: product() };
    }
    return left;
  };

  const expression = sum();
  if (position !== tokens.length) throw new ExpressionError(`unexpected "${tokens[position]}" in "${text}"`);
  return expression;
}

/** Return every name the expression uses. */
export function expressionNames(expression: Expression): string[] {
  switch (expression.kind) {
    case 'name':
      return [expression.name];
    case 'number':
      return [];
    case 'negate':
      return expressionNames(expression.operand);
    case 'binary':
      return [...expressionNames(expression.left), ...expressionNames(expression.right)];
  }
}

/**
 * Compile to SQL, with each name replaced by `column(name)`. Names must have been checked
 * against the source's columns and numbers are digits only, so the text is safe to embed.
 */
export function expressionSql(expression: Expression, column: (name: string) => string): string {
  switch (expression.kind) {
    case 'name':
      return column(expression.name);
    case 'number':
      if (!Number.isInteger(expression.value)) throw new ExpressionError('sums take whole numbers only');
      return String(expression.value);
    case 'negate':
      return `(-${expressionSql(expression.operand, column)})`;
    case 'binary':
      if (expression.operator === '/') throw new ExpressionError('sums cannot divide; divide in a formula measure');
      return `(${expressionSql(expression.left, column)} ${expression.operator} ${expressionSql(expression.right, column)})`;
  }
}

/**
 * Evaluate over `values`. An empty (null or missing) operand makes the result empty, and so does
 * a division by zero: a ratio without a denominator is unknown, not zero.
 */
export function evaluateExpression(expression: Expression, values: (name: string) => number | null): number | null {
  switch (expression.kind) {
    case 'name':
      return values(expression.name);
    case 'number':
      return expression.value;
    case 'negate': {
      const operand = evaluateExpression(expression.operand, values);
      return operand === null ? null : -operand;
    }
    case 'binary': {
      const left = evaluateExpression(expression.left, values);
      const right = evaluateExpression(expression.right, values);
      if (left === null || right === null) return null;
      switch (expression.operator) {
        case '+':
          return left + right;
        case '-':
          return left - right;
        case '*':
          return left * right;
        case '/':
          return right === 0 ? null : left / right;
      }
    }
  }
}
