/**
 * Remix v2 classic compiler configuration. The web app (routes, loaders, the dashboard)
 * arrives with the planning workspace; until then this file states the layout it will use.
 * @type {import('@remix-run/dev').AppConfig}
 */
export default {
  appDirectory: 'app',
  assetsBuildDirectory: 'public/build',
  publicPath: '/build/',
  serverBuildPath: 'build/index.js',
  serverModuleFormat: 'esm',
  ignoredRouteFiles: ['**/.*', '**/*.test.*'],
};
