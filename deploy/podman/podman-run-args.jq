# The `podman run` arguments that start one pod of a rendered workload as its manifest starts it, one
# argument per output value (cluster.sh reads them NUL-separated). Input: the overlay's objects, as an array.
#   --arg workload NAME      a Deployment, StatefulSet or Job of the overlay
#   --arg pod NAME           the pod's name (metadata.name), also its hostname
#   --arg ip ADDRESS         the pod's IP (status.podIP) on the cluster's network
#   --argjson secrets {…}    the operator's Secrets: {"<secret>/<key>": "<value>"}
# What a pod spec says and podman cannot do is an error, so nothing in a manifest is silently dropped.

def fail($what): error("\($workload): \($what)");

# Kubernetes quantities of memory in podman's units.
def memory:
  if test("^[0-9]+Gi$") then sub("Gi$"; "g")
  elif test("^[0-9]+Mi$") then sub("Mi$"; "m")
  elif test("^[0-9]+$") then .
  else fail("memory limit \(.) is not in Mi, Gi or bytes") end;

. as $objects
| [$objects[] | select(.kind == "Deployment" or .kind == "StatefulSet" or .kind == "Job") | select(.metadata.name == $workload)]
| if length == 1 then .[0] else fail("the overlay renders \(length) workloads of this name") end
| .spec.template as $template
| $template.spec as $spec
| if ($spec.containers | length) == 1 then $spec.containers[0] else fail("runs \($spec.containers | length) containers") end
| . as $container
| ($container.securityContext // {}) as $security
| ($spec.securityContext // {}) as $podSecurity

# The environment: the image's ENV stays, the manifest's env is added over it, as a kubelet does.
| def resolve:
    if has("value") then .value
    elif .valueFrom.fieldRef.fieldPath == "metadata.name" then $pod
    elif .valueFrom.fieldRef.fieldPath == "status.podIP" then $ip
    elif .valueFrom.secretKeyRef then
      (.valueFrom.secretKeyRef | "\(.name)/\(.key)") as $ref
      | $secrets[$ref] // fail("no value for the Secret key \($ref)")
    elif .valueFrom.configMapKeyRef then
      .valueFrom.configMapKeyRef as $ref
      | [$objects[] | select(.kind == "ConfigMap" and .metadata.name == $ref.name) | .data[$ref.key] // empty]
      | .[0] // fail("the overlay renders no ConfigMap \($ref.name) with the key \($ref.key)")
    else fail("cannot resolve the variable \(.name)") end;

# Services that select the pod: their names resolve to it on the network, as cluster DNS would.
  def selects($labels): (.spec.selector // {}) as $selector
    | ($selector | length) > 0 and ($selector | to_entries | all(.value == $labels[.key]));

  ($security.runAsUser // $podSecurity.runAsUser) as $user
| ($security.runAsGroup // $podSecurity.runAsGroup) as $group
| if ($security.runAsNonRoot // $podSecurity.runAsNonRoot) == true and ($user == null or $user == 0) then fail("runAsNonRoot without a non-root runAsUser") else . end
| if (($security.seccompProfile // $podSecurity.seccompProfile).type // "RuntimeDefault") != "RuntimeDefault" then fail("a seccomp profile other than RuntimeDefault") else . end
| "--hostname=\($pod)"
, "--ip=\($ip)"
, ($objects[] | select(.kind == "Service" and selects($template.metadata.labels)) | "--network-alias=\(.metadata.name)")
, ($container.env // [] | .[] | "--env=\(.name)=\(resolve)")
, (if $user != null then "--user=\($user)\(if $group != null then ":\($group)" else "" end)" else empty end)
, (if $security.readOnlyRootFilesystem == true then "--read-only", "--read-only-tmpfs=false" else empty end)
, ($security.capabilities.drop // [] | .[] | "--cap-drop=\(.)")
, ($security.capabilities.add // [] | .[] | "--cap-add=\(.)")
, (if $security.allowPrivilegeEscalation == false then "--security-opt=no-new-privileges" else empty end)
, (if $security.privileged == true then fail("privileged containers") else empty end)
# emptyDir volumes: a tmpfs each, owned by the pod's user (U) so that it can write there as in an emptyDir;
# a mode would not do: over a directory of the image, the tmpfs takes that directory's mode.
, ($container.volumeMounts // [] | .[] as $mount
    | ([$spec.volumes // [] | .[] | select(.name == $mount.name)] | .[0] // fail("no volume \($mount.name)")) as $volume
    | if $volume.emptyDir then "--tmpfs=\($mount.mountPath):rw,nosuid,nodev,U"
      else fail("volume \($mount.name) is not an emptyDir") end)
, ($container.resources.limits.memory // empty | "--memory=\(memory)")
, ("--stop-timeout=\($spec.terminationGracePeriodSeconds // 30)")
# Ports named http (the API, the simulator's endpoint) are published on this machine's loopback, on a free port.
, ($container.ports // [] | .[] | select(.name == "http") | "--publish=127.0.0.1::\(.containerPort)")
, $container.image
, ($container.args // [] | .[])
