module.exports = { displayName: 'mapping', preset: '../../jest.preset.js', rootDir: __dirname };
