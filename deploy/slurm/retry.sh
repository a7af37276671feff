#!/usr/bin/env bash
# Re-runs failed shards of a submit.sh run and lets its merge go ahead.
# Usage: deploy/slurm/retry.sh ARRAY_JOB MERGE_JOB SHARDS TASK...   e.g. retry.sh 41 42 4 2
#
# Slurm never re-checks an `afterok` on an array once a task has failed, even after the task is
# requeued and succeeds: the merge then waits for ever (DependencyNeverSatisfied). So this
# requeues the tasks (each redoes only what the cache lacks), waits until they have completed, and
# points the merge's dependency at the array's tasks one by one.
set -euo pipefail
if [ $# -lt 4 ]; then sed -n '3p' "$0" >&2; exit 2; fi
array=$1 merge=$2 shards=$3; shift 3
for task in "$@"; do
  scontrol requeue "${array}_${task}" || { echo "cannot requeue ${array}_${task} (finished jobs are forgotten after MinJobAge): rerun it with sbatch --array=${task} extract.sbatch" >&2; exit 1; }
done
state() { scontrol show job "${array}_$1" 2>/dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p' | head -n 1; }
end=$((SECONDS + ${RETRY_TIMEOUT:-86400}))
for task in "$@"; do
  while :; do
    s=$(state "$task")
    case $s in
      COMPLETED) break ;;
      PENDING|RUNNING|REQUEUED|CONFIGURING|COMPLETING|SUSPENDED|RESIZING) ;;
      *) echo "task ${array}_${task} is ${s:-unknown to Slurm}; see its log" >&2; exit 1 ;;
    esac
    ((SECONDS < end)) || { echo "task ${array}_${task} still $s after ${RETRY_TIMEOUT:-86400}s" >&2; exit 1; }
    sleep 2
  done
done
deps=""
for ((i = 0; i < shards; i++)); do deps+="${deps:+:}${array}_$i"; done
scontrol update JobId="$merge" Dependency="afterok:$deps"   # afterok:A_0:A_1:…
echo "tasks $* of $array completed; merge $merge released"
