/**
 * A rough check of card JSON 2.0, close enough to catch what Lark would refuse: the wrong schema,
 * unknown top-level fields, a body without an elements array, elements without a tag.
 * Returns a problem description, or undefined when the card passes.
 */
const TOP_LEVEL_FIELDS = new Set(['schema', 'config', 'card_link', 'header', 'body']);

export function cardProblem(card: unknown): string | undefined {
  if (!isObject(card)) return 'card content must be a JSON object';
  if (card.schema !== '2.0') return `card schema must be "2.0", got ${JSON.stringify(card.schema)}`;
  for (const field of Object.keys(card)) {
    if (!TOP_LEVEL_FIELDS.has(field)) return `unknown card field "${field}"`;
  }
  if (card.config !== undefined && !isObject(card.config)) return 'card config must be an object';
  if (card.header !== undefined) {
    if (!isObject(card.header)) return 'card header must be an object';
    const title = card.header.title;
    if (title !== undefined && !(isObject(title) && typeof title.content === 'string'))
      return 'card header.title must be {tag, content}';
  }
  if (!isObject(card.body) || !Array.isArray(card.body.elements))
    return 'card body.elements must be an array';
  return elementsProblem(card.body.elements, 'body.elements');
}

/** Whether the card may be updated in place after sending (Lark's "shared" cards). */
export function isUpdateMulti(card: unknown): boolean {
  return isObject(card) && isObject(card.config) && card.config.update_multi === true;
}

function elementsProblem(elements: unknown[], path: string): string | undefined {
  for (const [index, element] of elements.entries()) {
    const here = `${path}[${index}]`;
    if (!isObject(element) || typeof element.tag !== 'string') return `${here} must be an object with a tag`;
    // Containers (column_set, form, collapsible_panel…) nest elements; check those too.
    for (const key of ['elements', 'columns'] as const) {
      const nested = element[key];
      if (nested === undefined) continue;
      if (!Array.isArray(nested)) return `${here}.${key} must be an array`;
      const problem =
        key === 'columns'
          ? columnsProblem(nested, `${here}.columns`)
          : elementsProblem(nested, `${here}.${key}`);
      if (problem) return problem;
    }
  }
  return undefined;
}

function columnsProblem(columns: unknown[], path: string): string | undefined {
  for (const [index, column] of columns.entries()) {
    if (!isObject(column) || !Array.isArray(column.elements))
      return `${path}[${index}].elements must be an array`;
    const problem = elementsProblem(column.elements, `${path}[${index}].elements`);
    if (problem) return problem;
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
