// Runs s3rver in its own Node process, started by s3.ts with --openssl-legacy-provider: s3rver's
// ListObjectsV2 continuation tokens use a DES cipher that Node >= 17 only offers under that flag.
// Usage: node --openssl-legacy-provider s3rver-runner.mjs '<json config>'
import process from 'node:process';

import S3rver from 's3rver';

const config = JSON.parse(process.argv[2] ?? '{}');

function escapeXml(value) {
  return String(value).replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function corsXml(origins) {
  const methods = ['GET', 'PUT', 'POST', 'HEAD', 'DELETE'];
  return [
    '<CORSConfiguration><CORSRule>',
    ...origins.map((origin) => `<AllowedOrigin>${escapeXml(origin)}</AllowedOrigin>`),
    ...methods.map((method) => `<AllowedMethod>${method}</AllowedMethod>`),
    '<AllowedHeader>*</AllowedHeader>',
    // Browsers only let scripts read ETag when it is exposed, and multipart completion needs it.
    '<ExposeHeader>ETag</ExposeHeader>',
    '<MaxAgeSeconds>3000</MaxAgeSeconds>',
    '</CORSRule></CORSConfiguration>',
  ].join('');
}

const server = new S3rver({
  port: config.port,
  address: config.address,
  directory: config.directory,
  silent: true,
  configureBuckets: config.buckets.map((name) => ({
    name,
    configs: config.corsOrigins.length > 0 ? [corsXml(config.corsOrigins)] : [],
  })),
});

let closing = false;
async function shutdown() {
  if (closing) return;
  closing = true;
  await server.close().catch(() => undefined);
  process.exit(0);
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
// The parent holds our stdin open; when it dies without stopping us, stdin ends and we go too.
process.stdin.on('end', shutdown);
process.stdin.resume();

const { port } = await server.run();
process.stdout.write(`${JSON.stringify({ ready: true, port })}\n`);
