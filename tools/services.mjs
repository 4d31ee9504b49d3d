// Every process `npm start` runs, in start order. A service whose main file does not exist yet is skipped.
// `simulator: true` entries are chosen by SIMULATORS=none|cic|genesys|all (default all).
export const services = [
  { name: 'cic-simulator', main: 'apps/cic-simulator/src/main.ts', port: 8018, portVariable: 'CIC_SIM_PORT', simulator: 'cic', ready: '/icws/connection/version' },
  { name: 'genesys-cloud-simulator', main: 'apps/genesys-cloud-simulator/src/main.ts', port: 8700, portVariable: 'GC_SIM_PORT', simulator: 'genesys', ready: '/sim/state' },
  { name: 'cic-ingestion', main: 'apps/cic-ingestion/src/main.ts', port: 8101, portVariable: 'CIC_INGESTION_PORT' },
  { name: 'object-mapping', main: 'apps/object-mapping/src/main.ts', port: 8102, portVariable: 'OBJECT_MAPPING_PORT' },
  { name: 'genesys-delivery', main: 'apps/genesys-delivery/src/main.ts', port: 8103, portVariable: 'GENESYS_DELIVERY_PORT' },
  { name: 'historical-upload', main: 'apps/historical-upload/src/main.ts', port: 8104, portVariable: 'HISTORICAL_UPLOAD_PORT' },
  { name: 'sso-idp', main: 'apps/sso-idp/src/main.ts', port: 8090, portVariable: 'IDP_PORT' },
  { name: 'console', main: 'apps/console/src/main.ts', port: 8080, portVariable: 'CONSOLE_PORT' },
];
