import { CreateConsoleTables1764500000000 } from './1764500000000-create-console-tables';

/** The console's migrations, in order. */
export const consoleMigrations = [CreateConsoleTables1764500000000];
