#!/usr/bin/env bash
# private_rss.sh — private memory of the reader while it analyses, and how long that takes.
#
# usage: benches/private_rss.sh 'COMMAND' [TIMEOUT_SECONDS]
#
# Starts COMMAND (e.g. 'target/release/plenary --no-cache big.txt') in a 160x48 pane of a
# private tmux server (no other tmux server is touched), samples /proc/PID/smaps_rollup
# every 0.1 s while the status bar shows the progress mark (⟳), and prints:
#   analysed_s        start -> the progress mark gone (everything analysed and linked)
#   peak_anon_kb      largest Anonymous seen (private heap: what counts against the
#                     "private RSS <= corpus size" target)
#   peak_dirty_kb     largest Private_Dirty seen
#   end_anon_kb       Anonymous once analysed
#   end_file_kb       Rss - Anonymous once analysed (mapped file pages: page cache)
#   cpu_s             CPU time (user + system) the reader had used once analysed
set -u
[ $# -ge 1 ] || { sed -n '2,/^set -u/p' "$0" | sed 's/^# \{0,1\}//; /^set -u/d'; exit 2; }
CMD=$1 TIMEOUT=${2:-300}
SOCK="rss-$$-$RANDOM"
trap 'tmux -L "$SOCK" kill-server 2>/dev/null' EXIT
export LANG=C.UTF-8
tmux -L "$SOCK" -f /dev/null new-session -d -s m -x 160 -y 48 "exec $CMD"
pid=$(tmux -L "$SOCK" display -p -t m '#{pane_pid}')
t0=${EPOCHREALTIME/[.,]/}
peak_anon=0 peak_dirty=0 seen=0 done_us=""
while [ -e /proc/"$pid" ]; do
  read -r anon dirty rss < <(awk '/^Anonymous:/{a=$2} /^Private_Dirty:/{d=$2} /^Rss:/{r=$2}
    END{print a+0, d+0, r+0}' /proc/"$pid"/smaps_rollup 2>/dev/null)
  (( anon > peak_anon )) && peak_anon=$anon
  (( dirty > peak_dirty )) && peak_dirty=$dirty
  screen=$(tmux -L "$SOCK" capture-pane -p -t m 2>/dev/null)
  now=${EPOCHREALTIME/[.,]/}
  if [[ $screen == *"⟳"* ]]; then seen=1
  elif (( seen )) || (( now - t0 > 3000000 )); then
    done_us=$now
    read -r ut st < <(awk '{print $14, $15}' /proc/"$pid"/stat 2>/dev/null)
    break
  fi
  (( now - t0 > TIMEOUT * 1000000 )) && break
  sleep 0.1
done
[ -n "$done_us" ] && printf 'analysed_s     %.1f\n' "$(awk -v a="$t0" -v b="$done_us" 'BEGIN{print (b-a)/1e6}')" ||
  echo "analysed_s     not within ${TIMEOUT}s"
printf 'peak_anon_kb   %d\npeak_dirty_kb  %d\nend_anon_kb    %d\nend_file_kb    %d\n' \
  "$peak_anon" "$peak_dirty" "$anon" "$((rss - anon))"
[ -n "$done_us" ] && printf 'cpu_s          %.1f\n' "$(awk -v u="${ut:-0}" -v s="${st:-0}" -v h="$(getconf CLK_TCK)" 'BEGIN{print (u+s)/h}')"
