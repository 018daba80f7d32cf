package io.cachelet.filter;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * The results of a pure function for the arguments asked for lately, so that a hot request does not
 * recompute what it computed a moment ago. Direct-mapped: each argument has one slot, chosen by its
 * hash, and a new argument simply takes the slot over. So it is bounded by its slot count, costs no
 * bookkeeping on a read, and needs no lock; an argument that loses its slot is computed again. Only
 * for functions whose result depends on nothing but the argument. Thread-safe.
 *
 * @param <A> the argument, with value equality
 * @param <R> the result
 */
final class RecentResults<A, R> {

  private record Slot<A, R>(A argument, R result) {}

  private final AtomicReferenceArray<Slot<A, R>> slots;
  private final int mask;
  private final Function<A, R> function;

  /**
   * @param slots how many results are kept at most, a power of two
   * @param function the pure function remembered
   */
  RecentResults(int slots, Function<A, R> function) {
    if (slots <= 0 || Integer.bitCount(slots) != 1) {
      throw new IllegalArgumentException("slots must be a power of two, was " + slots);
    }
    this.slots = new AtomicReferenceArray<>(slots);
    this.mask = slots - 1;
    this.function = Objects.requireNonNull(function, "function");
  }

  /** {@code function.apply(argument)}, computed now or a moment ago. */
  R get(A argument) {
    int hash = argument.hashCode();
    int index = (hash ^ (hash >>> 16)) & mask;
    Slot<A, R> slot = slots.getAcquire(index);
    if (slot != null && slot.argument().equals(argument)) {
      return slot.result();
    }
    R result = function.apply(argument);
    // no lock: a slot is immutable, and two threads racing for one both end with a right result
    slots.setRelease(index, new Slot<>(argument, result));
    return result;
  }
}
