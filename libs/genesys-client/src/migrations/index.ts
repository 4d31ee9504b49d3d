import { quoteIdentifier } from '@bridge/postgres';
import { CreateGenesysRateBudgets1765100000000 } from './1765100000000-create-genesys-rate-budgets';

/** The client lib's migrations: every service that takes tokens from the org's rate budget runs them. */
export const rateBudgetMigrations = [CreateGenesysRateBudgets1765100000000];

/** The rate budget table in `schema`, quoted. */
export const rateBudgetsTable = (schema: string) => `${quoteIdentifier(schema)}.genesys_rate_budgets`;
