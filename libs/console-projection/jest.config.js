module.exports = { displayName: 'console-projection', preset: '../../jest.preset.js', rootDir: __dirname };
