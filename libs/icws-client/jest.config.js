module.exports = { displayName: 'icws-client', preset: '../../jest.preset.js', rootDir: __dirname };
