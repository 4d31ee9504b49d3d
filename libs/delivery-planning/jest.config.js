module.exports = { displayName: 'delivery-planning', preset: '../../jest.preset.js', rootDir: __dirname };
