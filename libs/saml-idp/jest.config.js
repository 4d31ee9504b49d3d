module.exports = { displayName: 'saml-idp', preset: '../../jest.preset.js', rootDir: __dirname };
