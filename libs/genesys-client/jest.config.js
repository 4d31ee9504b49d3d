module.exports = { displayName: 'genesys-client', preset: '../../jest.preset.js', rootDir: __dirname };
