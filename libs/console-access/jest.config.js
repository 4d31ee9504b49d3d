module.exports = { displayName: 'console-access', preset: '../../jest.preset.js', rootDir: __dirname };
