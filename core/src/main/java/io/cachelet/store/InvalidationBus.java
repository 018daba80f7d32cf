package io.cachelet.store;

import java.time.Duration;
import java.util.Optional;

/**
 * How the instances of an application tell each other which cached keys they changed, so that each
 * can drop its in-process copies. Delivery is at most once: a message can be lost while an instance
 * is disconnected, which is why a (re)connected subscription calls {@link Listener#resync}.
 *
 * <p>Implementations are thread-safe. {@link #publish} never blocks on I/O and never throws for a
 * backend failure: a lost invalidation costs staleness bounded by the near cache's TTL cap, a
 * thrown one would fail a request.
 */
public interface InvalidationBus extends AutoCloseable {

  /** Receives what other instances published. Called from the bus' own thread; must be quick. */
  interface Listener {

    /**
     * Another instance changed these keys; this instance's own messages are never delivered. {@code
     * lag} is how long after the change was published this arrived, when the message says (it
     * includes any difference between the two hosts' clocks, so it is never below 0); empty when it
     * does not, as with changes the server reports itself.
     */
    void invalidated(Invalidation invalidation, Optional<Duration> lag);

    /**
     * The subscription was (re)established: messages may have been missed, so every local copy must
     * be dropped. Also called once when delivery starts.
     */
    void resync();
  }

  /** Tells the other instances; returns at once. */
  void publish(Invalidation invalidation);

  /** Starts delivering messages to {@code listener}. Call once. */
  void start(Listener listener);

  /** Whether the subscription is established right now. */
  boolean connected();

  /** Stops the subscription and the threads; publishing afterwards does nothing. */
  @Override
  void close();

  /**
   * A bus that reaches nobody: for a single instance, or for a near cache that relies on its TTL
   * cap alone.
   */
  static InvalidationBus none() {
    return NoInvalidationBus.INSTANCE;
  }
}
