module.exports = { displayName: 'interaction-mapping', preset: '../../jest.preset.js', rootDir: __dirname };
