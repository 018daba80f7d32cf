package io.cachelet.bench.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcStatTest {

  /** A line as the kernel writes it; utime (14) is 1500 and stime (15) 250. */
  private static final String NGINX_WORKER =
      "4242 (nginx) S 4241 4241 4241 0 -1 4194624 120 0 0 0 1500 250 0 0 20 0 1 0 881 1000 200"
          + " 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";

  @Test
  void readsTheParentAndAddsUserAndSystemTicks() {
    assertThat(ProcStat.parse(NGINX_WORKER)).isEqualTo(new ProcStat(4242, 4241, 1750));
  }

  @Test
  void countsFieldsFromTheLastParenthesisSoANameWithSpacesAndParenthesesIsRead() {
    String line =
        "77 (cache main) (x)) R 70 77 77 0 -1 0 0 0 0 0 30 12 0 0 20 0 5 0 100 1 1 1 1 1 1";
    assertThat(ProcStat.parse(line)).isEqualTo(new ProcStat(77, 70, 42));
  }

  @Test
  void refusesALineThatIsNotAStatLine() {
    assertThatIllegalArgumentException().isThrownBy(() -> ProcStat.parse("no parentheses here"));
    assertThatIllegalArgumentException().isThrownBy(() -> ProcStat.parse("1 (short) S 0 1 2"));
  }

  @Test
  void aTreeCountsTheRootsAndEveryDescendantOnce() {
    List<ProcStat> all =
        List.of(
            new ProcStat(1, 0, 1000), // init: not in the tree
            new ProcStat(10, 1, 5), // varnish manager
            new ProcStat(11, 10, 300), // its child, cache-main
            new ProcStat(12, 11, 7), // a grandchild
            new ProcStat(20, 1, 400), // the origin JVM
            new ProcStat(30, 1, 9000)); // wrk: never a root
    assertThat(ProcStat.treeTicks(all, List.of(10L, 20L))).isEqualTo(5 + 300 + 7 + 400);
    // a root given twice, or a descendant given as a root too, is still counted once
    assertThat(ProcStat.treeTicks(all, List.of(10L, 11L, 10L))).isEqualTo(312);
  }

  @Test
  void childrenAreTheDirectOnesOnly() {
    List<ProcStat> all =
        List.of(new ProcStat(10, 1, 0), new ProcStat(11, 10, 0), new ProcStat(12, 11, 0));
    assertThat(ProcStat.children(all, 10)).containsExactly(11L);
  }
}
