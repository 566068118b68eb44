#!/usr/bin/env bash
# Builds and runs the JMH benchmarks, then the peer scripts and extra measurements, and writes
# benchmarks/target/summary.csv (benchmark,metric,unit,value,floor_benchmark,floor_value,ratio).
#
#   benchmarks/run.sh                  every benchmark, short settings (minutes on 2 cores)
#   benchmarks/run.sh Csv              only benchmarks whose name matches the regex
#   benchmarks/run.sh Csv --full       longer settings (more forks and iterations)
#   benchmarks/run.sh Csv -p rows=1000000   JMH options pass through
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl benchmarks -am package -DskipTests -Dmaven.javadoc.skip -Dmaven.source.skip
summary=benchmarks/target/summary.csv
java -jar benchmarks/target/benchmarks.jar --out "$summary" "$@"

# Measurements that are not JMH timings (memory) and peers outside the JVM append rows of the same shape.
shopt -s nocasematch
regex="${1:-.}"
case "$regex" in -*) regex=. ;; esac
for main in $(cat benchmarks/extra-mains.txt 2>/dev/null); do
  if [[ "$main" =~ $regex ]]; then
    java -cp benchmarks/target/benchmarks.jar "$main" >> "$summary"
  fi
done
if /usr/bin/python3 -c 'import pandas, sklearn' 2>/dev/null; then
  for peer in benchmarks/peers/*.py; do
    [ -e "$peer" ] || continue
    if [[ "$peer" =~ $regex ]]; then
      /usr/bin/python3 "$peer" >> "$summary"
    fi
  done
else
  echo "Peers skipped: install python3-pandas and python3-sklearn (apt-get) to compare with them." >&2
fi
echo
column -s, -t < "$summary" 2>/dev/null || cat "$summary"
