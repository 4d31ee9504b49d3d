module.exports = { displayName: 'sso-idp', preset: '../../jest.preset.js', rootDir: __dirname };
