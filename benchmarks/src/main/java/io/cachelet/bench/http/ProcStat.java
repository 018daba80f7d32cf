package io.cachelet.bench.http;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The fields of one {@code /proc/PID/stat} line the CPU figures need: the parent, and the user and
 * system time the process has used so far in clock ticks. The kernel sums every thread into the
 * process's line, so a JVM is one line, whatever its thread count.
 *
 * @param pid the process
 * @param ppid its parent
 * @param cpuTicks {@code utime + stime} (fields 14 and 15), in clock ticks
 */
record ProcStat(long pid, long ppid, long cpuTicks) {

  /**
   * Parses a stat line. The command name (field 2) is in parentheses and may itself hold spaces and
   * parentheses, so the fields are counted from the last {@code ')'}.
   */
  static ProcStat parse(String line) {
    int open = line.indexOf('(');
    int close = line.lastIndexOf(')');
    if (open < 0 || close < open) {
      throw new IllegalArgumentException("not a /proc stat line: " + line);
    }
    long pid = Long.parseLong(line.substring(0, open).trim());
    // after the name: field 3 (state) is at index 0, so field n is at index n - 3
    String[] rest = line.substring(close + 1).trim().split(" +");
    if (rest.length < 13) {
      throw new IllegalArgumentException("too few fields in /proc stat line: " + line);
    }
    long ppid = Long.parseLong(rest[1]);
    long utime = Long.parseLong(rest[11]);
    long stime = Long.parseLong(rest[12]);
    return new ProcStat(pid, ppid, utime + stime);
  }

  /**
   * The CPU ticks of {@code roots} and of every process descending from them (nginx's workers and
   * cache processes, Varnish's child), each counted once.
   */
  static long treeTicks(Collection<ProcStat> all, Collection<Long> roots) {
    Set<Long> members = new HashSet<>(roots);
    Deque<Long> pending = new ArrayDeque<>(roots);
    while (!pending.isEmpty()) {
      long parent = pending.pop();
      for (ProcStat p : all) {
        if (p.ppid() == parent && members.add(p.pid())) {
          pending.push(p.pid());
        }
      }
    }
    return all.stream().filter(p -> members.contains(p.pid())).mapToLong(ProcStat::cpuTicks).sum();
  }

  /** The pids of {@code root}'s direct children, for stopping a process tree by pid. */
  static List<Long> children(Collection<ProcStat> all, long root) {
    return all.stream().filter(p -> p.ppid() == root).map(ProcStat::pid).toList();
  }
}
