module.exports = { displayName: 'genesys-delivery', preset: '../../jest.preset.js', rootDir: __dirname };
