import { defaultPresenceTable } from '@bridge/presence-mapping';
import { presenceRulesOf, readObjectMappingConfig } from './config';

describe('object-mapping settings', () => {
  it('syncs users, platform objects and presence in WEM mode with the default table unless told otherwise', () => {
    const config = readObjectMappingConfig({});
    expect(config).toMatchObject({ MAPPING_SYNC_USERS: true, MAPPING_SYNC_PLATFORM_OBJECTS: true });
    expect(presenceRulesOf(config)).toEqual({ mode: 'wem', table: defaultPresenceTable, syncPresence: true });
  });

  it('refuses platform objects without users, as Interaction Administrator does', () => {
    expect(() => readObjectMappingConfig({ MAPPING_SYNC_USERS: 'false' })).toThrow(
      /MAPPING_SYNC_PLATFORM_OBJECTS: Sync Advanced Platform Objects needs Sync User Objects/,
    );
    expect(
      readObjectMappingConfig({ MAPPING_SYNC_USERS: 'false', MAPPING_SYNC_PLATFORM_OBJECTS: 'false' }),
    ).toMatchObject({ MAPPING_SYNC_USERS: false });
  });

  it('refuses an unknown presence mode and a presence table it cannot read, naming the setting', () => {
    expect(() => readObjectMappingConfig({ MAPPING_PRESENCE_MODE: 'full' })).toThrow(/MAPPING_PRESENCE_MODE/);
    expect(() => readObjectMappingConfig({ MAPPING_PRESENCE_TABLE: '/nonexistent/presence.json' })).toThrow(
      /MAPPING_PRESENCE_TABLE: .*ENOENT/,
    );
  });
});
