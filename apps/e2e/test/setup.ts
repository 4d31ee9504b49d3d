// Scenarios start real service processes; a per-project testTimeout is not honoured under the root config.
jest.setTimeout(120_000);
