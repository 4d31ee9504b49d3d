module.exports = { displayName: 'cic-sync', preset: '../../jest.preset.js', rootDir: __dirname };
