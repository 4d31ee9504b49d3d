import { CreateConsoleTables1764600000000 } from './1764600000000-create-console-tables';

/** The console's migrations, in order. */
export const consoleMigrations = [CreateConsoleTables1764600000000];
