import { CreateDeliveryTables1764100000000 } from './1764100000000-create-delivery-tables';
import { AddStatusNote1764200000000 } from './1764200000000-add-status-note';
import { NameTablesByTheirRows1764300000000 } from './1764300000000-name-tables-by-their-rows';
import { CreateDeliveryPresences1764400000000 } from './1764400000000-create-delivery-presences';
import { CreateDeliveryConversations1764500000000 } from './1764500000000-create-delivery-conversations';
import { CreateDeliveryDriftTables1764600000000 } from './1764600000000-create-delivery-drift-tables';
import { CreateOperatorTables1764700000000 } from './1764700000000-create-operator-tables';
import { MoveRateBudgetToGenesysClient1765200000000 } from './1765200000000-move-rate-budget-to-genesys-client';
import { rateBudgetMigrations } from '@bridge/genesys-client';
import { AddTraceColumns1765300000000 } from './1765300000000-add-trace-columns';
import { AddMappedAt1765400000000 } from './1765400000000-add-mapped-at';
import { CreateDeliveryInboxTables1765500000000 } from './1765500000000-create-delivery-inbox-tables';

/** genesys-delivery's migrations, in order, with the org rate budget's (libs/genesys-client). */
export const deliveryMigrations = [
  CreateDeliveryTables1764100000000,
  AddStatusNote1764200000000,
  NameTablesByTheirRows1764300000000,
  CreateDeliveryPresences1764400000000,
  CreateDeliveryConversations1764500000000,
  CreateDeliveryDriftTables1764600000000,
  CreateOperatorTables1764700000000,
  ...rateBudgetMigrations,
  MoveRateBudgetToGenesysClient1765200000000,
  AddTraceColumns1765300000000,
  AddMappedAt1765400000000,
  CreateDeliveryInboxTables1765500000000,
];
