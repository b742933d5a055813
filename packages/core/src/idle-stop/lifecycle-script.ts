import { idleStopReason, idleWarningMinutes } from './rules';

/** The tag the instance puts on itself before it stops for idleness; the registry reads the reason from it. */
export const idleStopReasonTag = 'mlspace:stop-reason';

/**
 * The onStart lifecycle-config lines that apply the idle rule on a SageMaker notebook instance,
 * as AWS's own "auto-stop-idle" sample does: cron runs a small Python program every 5 minutes that
 * asks the instance's Jupyter (https://localhost:8443, self-signed) for its status, kernels and
 * terminals. In the last `idleWarningMinutes` before the stop it reports the coming stop to
 * MLSpace with the notebook's own credentials (`notebooks.reportIdle`), and withdraws it when the
 * notebook is used again, so the portal warns as it does locally; when no kernel is busy and
 * nothing happened for `timeoutMinutes`, it tags the instance with the reason and stops it. The stop then arrives as the usual state-change event.
 * The rule is core's idleDecision: latest activity of server, kernels and terminals; a busy or
 * starting kernel is use.
 */
export function idleStopLifecycleScript(timeoutMinutes: number): string {
  const reason = idleStopReason(timeoutMinutes);
  return `# MLSpace idle auto-stop: stop this notebook after ${timeoutMinutes} minutes without activity.
mkdir -p /home/ec2-user/.mlspace
cat > /home/ec2-user/.mlspace/idle-stop.py <<'MLSPACE_IDLE'
import json, os, ssl, subprocess, sys, urllib.request
from datetime import datetime, timedelta, timezone

TIMEOUT_SECONDS = ${timeoutMinutes * 60}
WARNING_SECONDS = ${idleWarningMinutes * 60}
BASE = "https://localhost:8443"
METADATA = "/opt/ml/metadata/resource-metadata.json"
# MLSPACE_API_URL and MLSPACE_TOKEN_FILE, written by MLSpace's credentials script (ADR 020).
ENVIRONMENT = "/etc/environment"
WARNED = "/home/ec2-user/.mlspace/idle-warned"
context = ssl.create_default_context()
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE

def get(path):
    with urllib.request.urlopen(BASE + path, context=context, timeout=10) as response:
        return json.loads(response.read().decode())

def parse(value):
    # Jupyter writes "2026-12-01T08:00:00.123456Z"; fromisoformat reads "+00:00" on Python 3.7+.
    return datetime.fromisoformat(value.replace("Z", "+00:00"))

def resource():
    with open(METADATA) as metadata:
        return json.load(metadata)

def report_idle(stops_at):
    # Tells MLSpace when this notebook stops (None: it no longer will), so the portal warns.
    settings = {}
    try:
        with open(ENVIRONMENT) as environment:
            for line in environment:
                key, _, value = line.strip().partition("=")
                settings[key] = value
        with open(settings["MLSPACE_TOKEN_FILE"]) as handle:
            token = handle.read().strip()
        request = urllib.request.Request(
            settings["MLSPACE_API_URL"] + "/api/trpc/notebooks.reportIdle",
            data=json.dumps({"name": resource()["ResourceName"], "stopsAt": stops_at}).encode(),
            headers={"content-type": "application/json", "authorization": "Bearer " + token})
        urllib.request.urlopen(request, timeout=10).read()
        return True
    except Exception as error:
        print("idle-stop: could not tell MLSpace:", error, file=sys.stderr)
        return False

def in_use():
    if os.path.exists(WARNED) and report_idle(None):
        os.remove(WARNED)
    sys.exit(0)

try:
    status, kernels, terminals = get("/api/status"), get("/api/kernels"), get("/api/terminals")
except Exception as error:
    print("idle-stop: Jupyter did not answer:", error, file=sys.stderr)
    sys.exit(0)
if any(kernel.get("execution_state") in ("busy", "starting") for kernel in kernels):
    in_use()
times = [status.get("last_activity")] + [item.get("last_activity") for item in kernels + terminals]
latest = max((parse(time) for time in times if time), default=None)
if latest is None:
    in_use()
idle = (datetime.now(timezone.utc) - latest).total_seconds()
if idle < TIMEOUT_SECONDS - WARNING_SECONDS:
    in_use()
if idle < TIMEOUT_SECONDS:
    stops_at = (latest + timedelta(seconds=TIMEOUT_SECONDS)).replace(microsecond=0)
    if report_idle(stops_at.isoformat()):
        open(WARNED, "w").close()
    sys.exit(0)
subprocess.run(["aws", "sagemaker", "add-tags", "--resource-arn", resource()["ResourceArn"],
                "--tags", "Key=${idleStopReasonTag},Value=${reason}"], check=False)
subprocess.run(["aws", "sagemaker", "stop-notebook-instance",
                "--notebook-instance-name", resource()["ResourceName"]], check=True)
MLSPACE_IDLE
# A reason left from the last idle stop no longer applies once the notebook runs again.
/usr/bin/python3 - <<'MLSPACE_UNTAG'
import json, subprocess
with open("/opt/ml/metadata/resource-metadata.json") as metadata:
    arn = json.load(metadata)["ResourceArn"]
subprocess.run(["aws", "sagemaker", "delete-tags", "--resource-arn", arn, "--tag-keys", "${idleStopReasonTag}"], check=False)
MLSPACE_UNTAG
( crontab -l 2>/dev/null | grep -v mlspace/idle-stop.py; echo "*/5 * * * * /usr/bin/python3 /home/ec2-user/.mlspace/idle-stop.py >> /home/ec2-user/.mlspace/idle-stop.log 2>&1" ) | crontab -
# The portal warns from the script's report (notebooks.reportIdle) when the notebook has MLSpace
# credentials; the stop comes within 5 minutes of the timeout.
`;
}

/** A notebook's onStart script with the idle rule appended (after the user's own lines). */
export function withIdleStop(onStart: string | undefined, timeoutMinutes: number | null): string {
  const own = onStart ?? '';
  if (timeoutMinutes === null) return own;
  return `${own}${own && !own.endsWith('\n') ? '\n' : ''}${idleStopLifecycleScript(timeoutMinutes)}`;
}
