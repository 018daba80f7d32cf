package io.cachelet.store.near;

import io.cachelet.store.Invalidation;
import io.cachelet.store.InvalidationBus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Instances of one JVM talking over an in-memory bus: what one publishes reaches the others at
 * once, on the publisher's thread, and never comes back to it.
 */
final class LocalBusHub {

  private final List<Member> members = new CopyOnWriteArrayList<>();

  InvalidationBus bus() {
    return new Member();
  }

  /** Every member resyncs, as after a reconnection. */
  void resyncAll() {
    members.forEach(member -> member.listener.resync());
  }

  private final class Member implements InvalidationBus {
    private volatile Listener listener;

    @Override
    public void publish(Invalidation invalidation) {
      for (Member other : members) {
        if (other != this) {
          other.listener.invalidated(invalidation, Optional.of(Duration.ZERO));
        }
      }
    }

    @Override
    public void start(Listener listener) {
      this.listener = listener;
      members.add(this);
      listener.resync();
    }

    @Override
    public boolean connected() {
      return members.contains(this);
    }

    @Override
    public void close() {
      members.remove(this);
    }
  }
}
