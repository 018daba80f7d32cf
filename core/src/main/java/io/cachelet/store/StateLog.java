package io.cachelet.store;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;

/**
 * Logs a background activity that fails over and over only twice: a WARN when it starts failing and
 * an INFO when it works again, instead of one line per attempt. Thread-safe.
 */
public final class StateLog {

  private final Logger log;
  private final String what;
  private final AtomicBoolean failing = new AtomicBoolean();

  /** Logs to {@code log} about {@code what}, e.g. "Publishing invalidations". */
  public StateLog(Logger log, String what) {
    this.log = log;
    this.what = what;
  }

  /** The activity succeeded. */
  public void ok() {
    if (failing.compareAndSet(true, false)) {
      log.info("{} works again.", what);
    }
  }

  /** The activity failed with {@code e}. */
  public void failed(RuntimeException e) {
    if (failing.compareAndSet(false, true)) {
      log.warn("{} failed ({}); retrying in the background.", what, e.toString());
    }
  }
}
