module.exports = { displayName: 'cic-simulator', preset: '../../jest.preset.js', rootDir: __dirname };
