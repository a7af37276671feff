#!/usr/bin/env bash
# Runs the sharded extraction and then the merge on the current kubectl context.
# Usage: deploy/kubernetes/run.sh [TIMEOUT]   (default 24h; the manifests are used as edited)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
timeout=${1:-24h}
kubectl apply -f "$here/cache-claims.yaml"
kubectl delete job backbeat-extract backbeat-merge --ignore-not-found
kubectl apply -f "$here/extract-job.yaml"
# Complete = every index succeeded; Failed = some index used up its retries.
kubectl wait --for=condition=complete job/backbeat-extract --timeout="$timeout"
kubectl apply -f "$here/merge-job.yaml"
kubectl wait --for=condition=complete job/backbeat-merge --timeout="$timeout"
kubectl logs job/backbeat-merge --tail=5
