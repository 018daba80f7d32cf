package io.cachelet.testing;

import org.opentest4j.TestAbortedException;

/**
 * What happens when a test needs Redis and none can be had: skipped with the reason on a developer
 * machine, failed on CI ({@code CI=true}), where a silently skipped Redis test hides a broken
 * build.
 */
final class Availability {

  private Availability() {}

  static boolean onCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  static RuntimeException missing(String reason) {
    if (onCi()) {
      return new IllegalStateException(reason + " (CI=true: Redis tests must not be skipped)");
    }
    return new TestAbortedException(reason);
  }
}
