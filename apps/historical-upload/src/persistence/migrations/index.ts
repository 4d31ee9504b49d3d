import { CreateHistoricalUploadTables1765000000000 } from './1765000000000-create-historical-upload-tables';

/** historical-upload's migrations, in order. */
export const historicalUploadMigrations = [CreateHistoricalUploadTables1765000000000];
