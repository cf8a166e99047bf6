// The API's userErrors beside the fields they name: `input.<name>` (or a nested path under it)
// goes to the field `<name>`; errors naming no known field are shown above the form.
export interface UserErrorLike {
  field: string | null;
  message: string;
}

export interface SortedErrors {
  /** Messages per form field. */
  byField: Record<string, string[]>;
  /** Messages about the whole input, or a field the form does not show. */
  general: string[];
}

export function sortUserErrors(
  errors: readonly UserErrorLike[],
  fields: readonly string[],
  aliases: Readonly<Record<string, string>> = {},
): SortedErrors {
  const byField: Record<string, string[]> = {};
  const general: string[] = [];
  for (const error of errors) {
    const path = (error.field ?? '').replace(/^input\./, '');
    const name = aliases[path] ?? fields.find((f) => path === f || path.startsWith(`${f}.`));
    if (name) (byField[name] ??= []).push(error.message);
    else general.push(error.message);
  }
  return { byField, general };
}
