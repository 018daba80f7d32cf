package io.cachelet.method;

import java.util.Objects;

/**
 * Carries what the intercepted method threw through the engine, untouched. Adapters catch it and
 * rethrow {@link #original()}, so callers see exactly the method's own exception, checked or not.
 */
public final class InvocationFailure extends RuntimeException {

  private final transient Throwable original;

  InvocationFailure(Throwable original) {
    super(null, Objects.requireNonNull(original, "original"), false, false);
    this.original = original;
  }

  /** What the method threw. */
  public Throwable original() {
    return original;
  }
}
