module.exports = { displayName: 'object-mapping', preset: '../../jest.preset.js', rootDir: __dirname };
