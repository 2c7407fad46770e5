// The app's version, injected at build time; "dev" when running from source.

declare const __KAIROS_VERSION__: string | undefined;

export const APP_VERSION: string = typeof __KAIROS_VERSION__ === 'string' ? __KAIROS_VERSION__ : 'dev';
