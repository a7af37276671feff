#!/usr/bin/env bash
# Submits Backbeat's sharded extraction as a Slurm job array, and the merge as a job that runs
# when every task has succeeded (--dependency=afterok).
#
# Usage: deploy/slurm/submit.sh DATASET CACHE OUTPUT [SHARDS] [-- more sbatch options]
#   DATASET  the music folder, CACHE the shared feature cache, OUTPUT the catalog: paths every node sees
#   SHARDS   array tasks (default 4); more sbatch options, e.g. -- --partition=batch --time=2:00:00
# Environment: BACKBEAT (the binary, default `backbeat` on PATH), MAX_SECONDS (default 600),
#   BUILD_ARGS (more build options), LOGS (folder for the jobs' logs, default the current folder).
# Prints BACKBEAT_ARRAY_JOB=ID and BACKBEAT_MERGE_JOB=ID.
set -euo pipefail
if [ $# -lt 3 ]; then sed -n '5,11p' "$0" >&2; exit 2; fi
here=$(cd "$(dirname "$0")" && pwd)
DATASET=$(realpath "$1"); CACHE=$(realpath -m "$2"); OUTPUT=$(realpath -m "$3"); shift 3
SHARDS=4
if [ $# -gt 0 ] && [ "$1" != "--" ]; then SHARDS=$1; shift; fi
[ "${1:-}" = "--" ] && shift
case $SHARDS in ''|*[!0-9]*|0) echo "SHARDS must be a whole number ≥ 1, not '$SHARDS'" >&2; exit 2;; esac
export DATASET CACHE OUTPUT SHARDS
mkdir -p "$CACHE" "${LOGS:=$PWD}"
array=$(sbatch --parsable --chdir="$LOGS" --array="0-$((SHARDS - 1))" "$@" "$here/extract.sbatch")
array=${array%%;*}   # "ID;cluster" on multi-cluster sites
merge=$(sbatch --parsable --chdir="$LOGS" --dependency="afterok:$array" --kill-on-invalid-dep=no "$@" "$here/merge.sbatch")
merge=${merge%%;*}
echo "BACKBEAT_ARRAY_JOB=$array"
echo "BACKBEAT_MERGE_JOB=$merge"
