module.exports = { displayName: 'interval-aggregation', preset: '../../jest.preset.js', rootDir: __dirname };
