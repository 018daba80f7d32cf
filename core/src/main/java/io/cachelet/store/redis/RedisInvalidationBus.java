package io.cachelet.store.redis;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.cachelet.store.Invalidation;
import io.cachelet.store.InvalidationBus;
import io.cachelet.store.StateLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.BinaryJedisPubSub;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Invalidations over Redis pub/sub ({@code PUBLISH} / {@code SUBSCRIBE}), which every Redis
 * deployment has: on a cluster a {@code PUBLISH} reaches subscribers on every node over the cluster
 * bus, and a replica relays its master's messages.
 *
 * <p><b>Publishing</b> goes through the store's pooled client, on a thread of its own, so a write
 * never waits for it: messages queue (bounded), are merged into one {@code PUBLISH} per batch, and
 * when the queue overflows the backlog is replaced by one "everything matching {@code *}" message,
 * which over-invalidates instead of losing anything. A message that can't be sent (Redis down) is
 * lost: the other instances resync when their own subscription or store comes back.
 *
 * <p><b>Subscribing</b> takes a dedicated connection (a plain {@link Jedis}, RESP2, whatever the
 * store negotiates) held by its own thread. Its reads are bounded by a blocking timeout and the
 * publisher thread pings it well within that time, so a dead or frozen server is noticed in about
 * the timeout instead of never; the thread then reconnects with a growing, jittered backoff. Every
 * successful (re)subscription {@linkplain Listener#resync resyncs} the listener, because messages
 * sent while disconnected are gone. Messages from this instance (same instance id) are skipped, and
 * a message that can't be decoded resyncs too.
 */
final class RedisInvalidationBus implements InvalidationBus {

  private static final Logger LOG = LoggerFactory.getLogger(RedisInvalidationBus.class);

  /** Most messages waiting to be published before the backlog collapses into one wildcard. */
  static final int QUEUE_CAPACITY = 10_000;

  /** Most keys merged into one message. */
  private static final int MAX_KEYS_PER_MESSAGE = 1_000;

  private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

  /** The channel Redis reports tracked keys on, to the connection named by REDIRECT. */
  static final String TRACKING_CHANNEL = "__redis__:invalidate";

  private final UnifiedJedis publisher;
  private final byte[] trackedPrefix;
  private final Supplier<HostAndPort> subscribeTo;
  private final JedisClientConfig subscriberConfig;
  private final byte[] channel;
  private final Duration pingInterval;
  private final UUID instanceId = UUID.randomUUID();
  private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
  private final Clock clock = Clock.systemUTC();
  private final AtomicBoolean overflowed = new AtomicBoolean();
  private final AtomicBoolean started = new AtomicBoolean();
  private final StateLog publishState = new StateLog(LOG, "Publishing invalidations");
  private final StateLog subscribeState = new StateLog(LOG, "The invalidation subscription");
  private volatile boolean running = true;
  private volatile boolean connected;
  private volatile Subscription subscription;
  private volatile Jedis connection;
  private volatile Jedis tracker;
  private Listener listener;
  private Thread subscriberThread;
  private Thread publisherThread;

  /** A change waiting to be published, and when it was made: the start of its lag. */
  private record Pending(Invalidation invalidation, Instant at) {}

  private RedisInvalidationBus(
      UnifiedJedis publisher,
      byte[] trackedPrefix,
      Supplier<HostAndPort> subscribeTo,
      JedisClientConfig clientConfig,
      String channel,
      Duration pingInterval) {
    this.publisher = publisher;
    this.trackedPrefix = trackedPrefix;
    this.subscribeTo = Objects.requireNonNull(subscribeTo, "subscribeTo");
    this.channel = channel.getBytes(UTF_8);
    this.pingInterval = Objects.requireNonNull(pingInterval, "pingInterval");
    this.subscriberConfig =
        DefaultJedisClientConfig.builder()
            .from(clientConfig)
            // invalidation messages arrive as pub/sub messages only on RESP2; on RESP3 they are
            // push frames that JedisPubSub does not read
            .resp2()
            .blockingSocketTimeoutMillis((int) Math.max(1, pingInterval.toMillis() * 3))
            .clientName(
                Objects.requireNonNullElse(clientConfig.getClientName(), "cachelet")
                    + "-invalidations")
            .build();
  }

  /**
   * A bus on {@code channel}: published through {@code publisher}, subscribed on a connection to
   * whatever {@code subscribeTo} names at each (re)connection, configured as {@code clientConfig}
   * but RESP2 with reads bounded by three ping intervals.
   */
  static RedisInvalidationBus pubSub(
      UnifiedJedis publisher,
      Supplier<HostAndPort> subscribeTo,
      JedisClientConfig clientConfig,
      String channel,
      Duration pingInterval) {
    return new RedisInvalidationBus(
        Objects.requireNonNull(publisher, "publisher"),
        null,
        subscribeTo,
        clientConfig,
        channel,
        pingInterval);
  }

  /**
   * A bus told by the server itself: the subscription listens on {@value #TRACKING_CHANNEL}, and
   * once subscribed a second connection turns on {@code CLIENT TRACKING ON REDIRECT <subscriber>
   * BCAST PREFIX keyPrefix}, so that Redis reports every change of a key under {@code keyPrefix} —
   * by Cachelet, by any other program, by expiry or eviction — and a flush as "everything".
   * Publishing does nothing: the server already knows. Both connections go to the node {@code
   * subscribeTo} names (one server or the sentinels' master: tracking is per server), and both are
   * pinged; if either breaks, both are opened again and the listener resyncs.
   */
  static RedisInvalidationBus tracking(
      Supplier<HostAndPort> subscribeTo,
      JedisClientConfig clientConfig,
      String keyPrefix,
      Duration pingInterval) {
    return new RedisInvalidationBus(
        null, keyPrefix.getBytes(UTF_8), subscribeTo, clientConfig, TRACKING_CHANNEL, pingInterval);
  }

  @Override
  public void start(Listener listener) {
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("The invalidation bus was already started");
    }
    this.listener = Objects.requireNonNull(listener, "listener");
    subscriberThread = daemon("cachelet-invalidation-subscriber", this::subscribeLoop);
    publisherThread = daemon("cachelet-invalidation-publisher", this::publishLoop);
  }

  private static Thread daemon(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  @Override
  public void publish(Invalidation invalidation) {
    Objects.requireNonNull(invalidation, "invalidation");
    if (trackedPrefix != null) {
      return; // the server reports the change itself
    }
    if (running && !queue.offer(new Pending(invalidation, clock.instant()))) {
      overflowed.set(true);
    }
  }

  @Override
  public boolean connected() {
    return connected;
  }

  /** This instance's id, which its messages carry so that it can skip their echo. */
  UUID instanceId() {
    return instanceId;
  }

  private Duration lagSince(Instant sentAt) {
    Duration lag = Duration.between(sentAt, clock.instant());
    return lag.isNegative() ? Duration.ZERO : lag; // the sender's clock is ahead of ours
  }

  // --- publishing

  private void publishLoop() {
    long nextPing = System.nanoTime();
    while (running) {
      try {
        Pending first = queue.poll(pingInterval.toMillis(), TimeUnit.MILLISECONDS);
        if (first != null) {
          List<Pending> batch = new ArrayList<>();
          batch.add(first);
          queue.drainTo(batch, MAX_KEYS_PER_MESSAGE);
          sendAll(batch);
        }
        if (System.nanoTime() - nextPing >= 0) {
          ping();
          nextPing = System.nanoTime() + pingInterval.toNanos();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Sends a batch as few messages: its keys merged, each pattern apart, each message dated by the
   * earliest change in it.
   */
  private void sendAll(List<Pending> batch) {
    if (overflowed.getAndSet(false)) {
      queue.clear();
      batch = List.of(new Pending(Invalidation.ofPattern("*"), batch.get(0).at()));
      LOG.warn(
          "More than {} invalidations waited to be published; told the other instances to drop"
              + " everything instead.",
          QUEUE_CAPACITY);
    }
    Set<String> keys = new LinkedHashSet<>();
    Instant keysSince = null;
    for (Pending pending : batch) {
      Invalidation invalidation = pending.invalidation();
      invalidation.pattern().ifPresent(pattern -> send(pending.at(), invalidation));
      if (keysSince == null && !invalidation.storeKeys().isEmpty()) {
        keysSince = pending.at();
      }
      keys.addAll(invalidation.storeKeys());
      if (keys.size() >= MAX_KEYS_PER_MESSAGE) {
        send(keysSince, Invalidation.ofKeys(List.copyOf(keys)));
        keys.clear();
        keysSince = null;
      }
    }
    if (!keys.isEmpty()) {
      send(keysSince, Invalidation.ofKeys(List.copyOf(keys)));
    }
  }

  private void send(Instant since, Invalidation invalidation) {
    try {
      publisher.publish(channel, InvalidationCodec.encode(instanceId, since, invalidation));
      publishState.ok();
    } catch (JedisException e) {
      publishState.failed(e);
    }
  }

  private void ping() {
    Subscription current = subscription;
    if (current != null) {
      current.pingQuietly();
    }
    Jedis tracking = tracker;
    if (tracking != null) {
      try {
        tracking.ping();
      } catch (RuntimeException e) {
        if (tracker == tracking) {
          // tracking ended with its connection: start over, subscription and all
          dropSubscriberConnection();
        }
      }
    }
  }

  private void dropSubscriberConnection() {
    Jedis open = connection;
    if (open != null) {
      try {
        open.disconnect();
      } catch (RuntimeException e) {
        // already broken
      }
    }
  }

  // --- subscribing

  private void subscribeLoop() {
    Duration backoff = FIRST_BACKOFF;
    while (running) {
      HostAndPort node = subscribeTo.get();
      Subscription current = null;
      try (Jedis jedis = new Jedis(node, subscriberConfig)) {
        connection = jedis;
        current = new Subscription(node, trackedPrefix == null ? -1 : jedis.clientId());
        subscription = current;
        if (running) {
          jedis.subscribe(current, channel);
        }
      } catch (RuntimeException e) {
        // JedisException mostly; also e.g. no address to connect to during a failover
        if (running) {
          subscribeState.failed(e);
        }
      } finally {
        connected = false;
        subscription = null;
        connection = null;
        closeTracker();
      }
      if (!running) {
        return;
      }
      if (current != null && current.established) {
        backoff = FIRST_BACKOFF; // it worked until now: a new break starts a new series
      }
      if (!sleep(jitter(backoff))) {
        return;
      }
      Duration doubled = backoff.multipliedBy(2);
      backoff = doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
    }
  }

  private static Duration jitter(Duration backoff) {
    long millis = backoff.toMillis();
    return Duration.ofMillis(millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
  }

  private boolean sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
      return running;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Opens the tracking connection and points its reports at the subscriber {@code clientId}. */
  private void startTracking(HostAndPort node, long clientId) {
    Jedis tracking = new Jedis(node, subscriberConfig);
    try {
      tracking
          .getConnection()
          .executeCommand(
              new CommandArguments(Protocol.Command.CLIENT)
                  .add("TRACKING")
                  .add("ON")
                  .add("REDIRECT")
                  .add(Long.toString(clientId))
                  .add("BCAST")
                  .add("PREFIX")
                  .add(trackedPrefix));
    } catch (RuntimeException e) {
      tracking.close();
      throw e;
    }
    tracker = tracking;
  }

  private void closeTracker() {
    Jedis tracking = tracker;
    tracker = null;
    if (tracking != null) {
      try {
        tracking.close();
      } catch (RuntimeException e) {
        // already broken; closing it ends the tracking either way
      }
    }
  }

  /** One subscription on one connection; ping and unsubscribe write to it from other threads. */
  private final class Subscription extends BinaryJedisPubSub {

    private final HostAndPort node;
    private final long clientId;
    private volatile boolean established;

    Subscription(HostAndPort node, long clientId) {
      this.node = node;
      this.clientId = clientId;
    }

    /**
     * Subscribed first, then tracking turned on, then the listener resynced: in that order no
     * change can fall between the three.
     */
    @Override
    public void onSubscribe(byte[] subscribed, int count) {
      if (trackedPrefix != null) {
        startTracking(node, clientId);
      }
      listener.resync();
      established = true;
      connected = true; // only once the listener is in step with the channel again
      subscribeState.ok();
    }

    @Override
    public void onMessage(byte[] from, byte[] message) {
      if (trackedPrefix != null) {
        if (message == null) {
          listener.resync(); // FLUSHDB or FLUSHALL
        } else {
          listener.invalidated(
              Invalidation.ofKeys(List.of(new String(message, UTF_8))), Optional.empty());
        }
        return;
      }
      InvalidationCodec.Message decoded;
      try {
        decoded = InvalidationCodec.decode(message);
      } catch (IllegalArgumentException e) {
        LOG.warn(
            "Unreadable invalidation message ({}); dropping every local copy.", e.getMessage());
        listener.resync();
        return;
      }
      if (!decoded.sender().equals(instanceId)) {
        listener.invalidated(
            decoded.invalidation(), decoded.sentAt().map(RedisInvalidationBus.this::lagSince));
      }
    }

    synchronized void pingQuietly() {
      try {
        if (isSubscribed()) {
          ping();
        }
      } catch (RuntimeException e) {
        // the connection is broken: the subscriber thread notices it on its next read
      }
    }

    synchronized void unsubscribeQuietly() {
      try {
        if (isSubscribed()) {
          unsubscribe();
        }
      } catch (RuntimeException e) {
        // closing the connection below ends the subscription either way
      }
    }
  }

  @Override
  public void close() {
    running = false;
    connected = false;
    Subscription current = subscription;
    if (current != null) {
      current.unsubscribeQuietly();
    }
    dropSubscriberConnection();
    for (Thread thread : new Thread[] {publisherThread, subscriberThread}) {
      if (thread != null) {
        thread.interrupt();
        try {
          thread.join(Duration.ofSeconds(2).toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
