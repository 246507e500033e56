#!/usr/bin/env bash
# Times `warrant score` on N synthetic articles.
#
#   benches/bench-score.sh [N] [extra options of warrant score…]
#   benches/bench-score.sh 10000
#   benches/bench-score.sh 100000
#   benches/bench-score.sh 10000 --threads 1
#
# Builds the release binary, writes N articles (default 10000) into a
# temporary directory, 1000 to a subdirectory, runs
# `warrant score DIR --format jsonl > /dev/null` under /usr/bin/time -v, prints
# the input size, wall time, MB/s, articles/s and peak RSS, and removes the
# directory. The run is over a warm page cache: the articles were just written.
#
# Each article is a headline and then paragraphs of corpus/*.txt, drawn until
# it reaches 5,000 bytes (an op-ed is ~5 KB), by a Park-Miller generator seeded
# with the article's number: the same N gives the same articles on any machine
# and any awk. Needs bash, coreutils, awk and GNU time.
set -euo pipefail

n=${1:-10000}
shift || true
cd "$(dirname "$0")/.."

cargo build --release --quiet
bin=target/release/warrant

work=$(mktemp -d "${TMPDIR:-/tmp}/warrant-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
articles=$work/articles
mkdir "$articles"
for ((d = 0; d * 1000 < n; d++)); do
  mkdir "$articles/$(printf '%03d' "$d")"
done

# awk counts bytes, not characters, in the C locale.
bytes=$(LC_ALL=C awk -v n="$n" -v dir="$articles" '
  FNR == 1 { headline[headlines++] = $0; next }
  /^[[:space:]]*$/ { next }
  { paragraph[paragraphs++] = $0 }
  END {
    total = 0
    for (i = 0; i < n; i++) {
      seed = (i * 7919 + 1) % 2147483647
      text = headline[i % headlines] "\n"
      while (length(text) < 5000) {
        seed = (seed * 16807) % 2147483647
        text = text "\n" paragraph[seed % paragraphs] "\n"
      }
      file = sprintf("%s/%03d/article-%06d.txt", dir, int(i / 1000), i)
      printf "%s", text > file
      close(file)
      total += length(text)
    }
    print total
  }' corpus/*.txt)

echo "warrant score DIR --format jsonl $*: $n articles, $bytes bytes"
/usr/bin/time -v -o "$work/time" "$bin" score "$articles" --format jsonl "$@" > /dev/null

awk -v bytes="$bytes" -v n="$n" '
  /Elapsed \(wall clock\)/ {
    k = split($NF, part, ":")
    wall = (k == 3) ? part[1] * 3600 + part[2] * 60 + part[3] : part[1] * 60 + part[2]
  }
  /Maximum resident set size/ { rss = $NF }
  /User time/ { user = $NF }
  /System time/ { sys = $NF }
  END {
    if (wall == 0) wall = 0.01  # GNU time shows hundredths
    printf "input      %.1f MB\n", bytes / 1e6
    printf "wall       %.2f s (user %.2f s, system %.2f s)\n", wall, user, sys
    printf "speed      %.1f MB/s, %.0f articles/s\n", bytes / 1e6 / wall, n / wall
    printf "peak RSS   %.1f MB\n", rss / 1024
  }' "$work/time"
