module.exports = { displayName: 'historical-upload', preset: '../../jest.preset.js', rootDir: __dirname };
