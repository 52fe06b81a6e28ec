// OpenShift-only constructs: the cluster builds the services' images itself and exposes them by Route.
export { OpenShiftImageBuild } from './image-build';
export type { OpenShiftImageBuildProps } from './image-build';
export { ImageBuildSource } from './image-build-source';
export type { GitSourceOptions, ImageBuildSourceConfig } from './image-build-source';
export { OpenShiftRoute, InsecureTraffic } from './route';
export type { OpenShiftRouteProps } from './route';
