/** The portal Lambda's settings: the only place in the portal that reads process.env. */
export interface PortalLambdaEnv {
  /** The portal's public origin (CloudFront); pages and their loaders' API calls use it. */
  publicUrl: string;
}

export function readPortalLambdaEnv(source: NodeJS.ProcessEnv = process.env): PortalLambdaEnv {
  const value = source.MLSPACE_PUBLIC_URL;
  if (!value || !URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
    throw new Error(
      `Invalid environment: MLSPACE_PUBLIC_URL: must be the portal's http(s) URL, got "${value ?? ''}"`,
    );
  }
  return { publicUrl: value.replace(/\/$/, '') };
}
