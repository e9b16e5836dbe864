export { certsDir } from '../../config/paths.ts';

export const certFile = (id: string) => `${id}.pem`;
export const keyFile = (id: string) => `${id}.key`;
export const chainFile = (id: string) => `${id}.chain.pem`;
export const bundleFile = (id: string) => `bundle-${id}.pem`;
