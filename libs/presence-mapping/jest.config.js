module.exports = { displayName: 'presence-mapping', preset: '../../jest.preset.js', rootDir: __dirname };
