module.exports = {
  displayName: 'genesys-cloud-simulator',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
