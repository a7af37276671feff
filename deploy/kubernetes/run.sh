#!/usr/bin/env bash
# Runs the sharded extraction and then the merge on the current kubectl context.
# Usage: deploy/kubernetes/run.sh [TIMEOUT_SECONDS]   (default 86400; the manifests are used as edited)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
timeout=${1:-86400}

# Waits until job $1 is Complete (returns 0) or Failed (prints why, returns 1), or the timeout.
wait_job() {
  local end=$((SECONDS + timeout)) state
  while ((SECONDS < end)); do
    state=$(kubectl get job "$1" -o jsonpath='{range .status.conditions[?(@.status=="True")]}{.type} {end}')
    case " $state " in
      *" Complete "*) return 0 ;;
      *" Failed "*) echo "job $1 failed: $(kubectl get job "$1" -o jsonpath='{.status.conditions[?(@.type=="Failed")].message}')" >&2; return 1 ;;
    esac
    sleep 10
  done
  echo "job $1 did not finish within ${timeout}s" >&2
  return 1
}

kubectl apply -f "$here/cache-claims.yaml"
kubectl delete job backbeat-extract backbeat-merge --ignore-not-found
kubectl apply -f "$here/extract-job.yaml"
wait_job backbeat-extract
kubectl apply -f "$here/merge-job.yaml"
wait_job backbeat-merge
kubectl logs job/backbeat-merge --tail=5
