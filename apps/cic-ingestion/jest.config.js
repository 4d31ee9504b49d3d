module.exports = { displayName: 'cic-ingestion', preset: '../../jest.preset.js', rootDir: __dirname };
