/**
 * The lifecycle script that gives a notebook on AWS its MLSpace credentials (ADR 020). It signs an
 * `sts:GetCallerIdentity` request with the instance's role credentials (never sending them),
 * posts the signed request to `notebookCredentials.exchange`, writes the token it gets back to
 * `MLSPACE_TOKEN_FILE` (0600, owned by ec2-user), and does it again every 20 minutes from cron,
 * well within the token's hour. Code in the notebook and the CLI read MLSPACE_API_URL and
 * MLSPACE_TOKEN_FILE.
 */
import { getCallerIdentityBody, serverIdHeader } from '@mlspace/aws';

export const awsNotebookTokenFile = '/home/ec2-user/.mlspace/token';
/** SageMaker notebook instances run Jupyter from this environment; it has boto3. */
const python = '/home/ec2-user/anaconda3/envs/JupyterSystemEnv/bin/python';

/** Single-quoted for bash and Python alike: the values are URLs and names MLSpace validated. */
const quoted = (value: string) => `'${value.replace(/'/g, '')}'`;

export function notebookCredentialsScript(options: {
  apiUrl: string;
  notebook: string;
  serverId: string;
}): string {
  const { apiUrl, notebook, serverId } = options;
  return `#!/bin/bash
# MLSpace credentials for notebook ${notebook}: prove this instance's role, keep a fresh token.
set -euo pipefail
mkdir -p /home/ec2-user/.mlspace
cat > /home/ec2-user/.mlspace/refresh-credentials.py <<'PY'
import json, os, pwd, tempfile, urllib.request
import boto3
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest

API_URL = ${quoted(apiUrl)}
NOTEBOOK = ${quoted(notebook)}
TOKEN_FILE = ${quoted(awsNotebookTokenFile)}

session = boto3.Session()
region = session.region_name or os.environ.get('AWS_REGION') or 'us-east-1'
url = 'https://sts.%s.amazonaws.com/' % region
body = ${quoted(getCallerIdentityBody)}
signed = AWSRequest(method='POST', url=url, data=body, headers={
    'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8',
    ${quoted(serverIdHeader)}: ${quoted(serverId)},
})
SigV4Auth(session.get_credentials().get_frozen_credentials(), 'sts', region).add_auth(signed)
payload = {'notebook': NOTEBOOK, 'request': {
    'url': url, 'method': 'POST', 'headers': dict(signed.headers.items()), 'body': body}}
exchange = urllib.request.Request(
    API_URL + '/api/trpc/notebookCredentials.exchange',
    data=json.dumps(payload).encode(), headers={'content-type': 'application/json'})
token = json.load(urllib.request.urlopen(exchange, timeout=30))['result']['data']['token']
handle, partial = tempfile.mkstemp(dir=os.path.dirname(TOKEN_FILE))
with os.fdopen(handle, 'w') as out:
    out.write(token + '\\n')
owner = pwd.getpwnam('ec2-user')
os.chown(partial, owner.pw_uid, owner.pw_gid)
os.replace(partial, TOKEN_FILE)
PY
chown -R ec2-user:ec2-user /home/ec2-user/.mlspace
chmod 700 /home/ec2-user/.mlspace
# A notebook without MLSpace credentials still starts; the log says why.
${python} /home/ec2-user/.mlspace/refresh-credentials.py >> /var/log/mlspace-credentials.log 2>&1 || true
echo '*/20 * * * * root ${python} /home/ec2-user/.mlspace/refresh-credentials.py >> /var/log/mlspace-credentials.log 2>&1' > /etc/cron.d/mlspace-credentials
cat >> /etc/environment <<'ENV'
MLSPACE_API_URL=${apiUrl}
MLSPACE_TOKEN_FILE=${awsNotebookTokenFile}
ENV
# Jupyter started before this script; its kernels see the variables once it restarts.
systemctl restart jupyter-server || true
`;
}
