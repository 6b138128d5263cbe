/**
 * Schema names are spliced into SQL (search_path, CREATE SCHEMA) and into connection options,
 * so only plain lowercase identifiers are accepted; none need quoting.
 */
export function assertSchemaName(schema: string): void {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(
      `invalid schema name "${schema}": use lowercase letters, digits and underscores (at most 63)`,
    );
  }
}
