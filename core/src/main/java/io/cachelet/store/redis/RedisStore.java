package io.cachelet.store.redis;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.cachelet.config.CacheletConfig;
import io.cachelet.config.RedisEndpoint;
import io.cachelet.config.RedisTopology;
import io.cachelet.store.CacheStore;
import io.cachelet.store.InvalidationBus;
import io.cachelet.store.PoolStats;
import io.cachelet.store.ScanPage;
import io.cachelet.store.StoreException;
import io.cachelet.store.StoreMemory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.BuilderFactory;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.Connection;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.util.Pool;

/**
 * The store on Redis — one server, a Redis Cluster, or a master found through Sentinel — through
 * pooled Jedis connections. Keys are written as their UTF-8 bytes. Every call is one round trip
 * (batches are MGET, UNLINK or a pipeline) and is bounded by the connect and socket timeouts and
 * the pool wait; failures surface as {@link StoreException} for the resilient decorator to absorb.
 * Thread-safe.
 *
 * <p>On a cluster every operation is correct across hash slots, and no key carries a hash tag: a
 * cache's entries spread over every master. Nothing needs two keys in one slot — each script
 * touches one key (a lock, a tag set), a counter is one key, and Jedis splits MGET and UNLINK by
 * slot and groups a pipeline by node. Clear and scan walk every primary. A call follows MOVED and
 * ASK and is retried at most once, within 500 ms; a failover's errors reach the resilient
 * decorator, which serves misses until the promoted replica answers.
 */
public final class RedisStore implements CacheStore {

  /** How many keys one SCAN step of {@link #clear} asks for, and so the most one UNLINK deletes. */
  static final int CLEAR_BATCH = KeySpace.CLEAR_BATCH;

  /** Deletes KEYS[1] only while it holds ARGV[1]: the release half of a lock. */
  private static final Script DELETE_IF_EQUALS =
      Script.of(
          "if redis.call('GET', KEYS[1]) == ARGV[1] then"
              + " return redis.call('DEL', KEYS[1]) else return 0 end");

  /**
   * Adds ARGV[2..] to the set KEYS[1] and makes it live at least ARGV[1] ms: a new set gets the
   * TTL, an existing one only a longer one. {@code PEXPIRE ... GT} can't express this, because GT
   * treats a key without a TTL as infinite and a set is created by SADD without one.
   */
  private static final Script ADD_TO_SET =
      Script.of(
          "local existed = redis.call('EXISTS', KEYS[1]) "
              + "for i = 2, #ARGV, 1000 do "
              + "redis.call('SADD', KEYS[1], unpack(ARGV, i, math.min(i + 999, #ARGV))) end "
              + "local ttl = redis.call('PTTL', KEYS[1]) "
              + "if existed == 0 or (ttl >= 0 and ttl < tonumber(ARGV[1])) then "
              + "redis.call('PEXPIRE', KEYS[1], ARGV[1]) end "
              + "return 1");

  private final Deployment deployment;
  private final UnifiedJedis redis;

  RedisStore(Deployment deployment) {
    this.deployment = Objects.requireNonNull(deployment, "deployment");
    this.redis = deployment.client();
  }

  /**
   * A store on the Redis server {@code config} names, checked with one PING. Credentials the server
   * rejects and a certificate the trust settings don't accept fail here with a {@link
   * io.cachelet.config.ConfigException} naming the setting to fix; a server that does not answer
   * yet does not (it is logged, and calls are misses until it does).
   *
   * @throws IllegalArgumentException when {@code config} names no Redis server
   */
  public static RedisStore connect(CacheletConfig config) {
    RedisEndpoint endpoint =
        config
            .redis()
            .orElseThrow(() -> new IllegalArgumentException("No Redis server is configured"));
    RedisTopology topology = config.redisTopology().orElseThrow();
    RedisStore store = new RedisStore(RedisClients.deployment(topology, endpoint, config));
    try {
      StartupCheck.run(store.redis, endpoint);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  /**
   * A bus on which instances sharing this Redis deployment tell each other about changed keys, on
   * {@code channel}: published through this store's connections, received on a connection of its
   * own (to the master, or to any cluster node) that is pinged every {@code pingInterval}. Close it
   * before the store.
   */
  public InvalidationBus invalidationBus(String channel, Duration pingInterval) {
    return RedisInvalidationBus.pubSub(
        redis, deployment.anyNode(), deployment.clientConfig(), channel, pingInterval);
  }

  /**
   * A bus on which Redis itself reports every change of a key starting with {@code keyPrefix}
   * ({@code CLIENT TRACKING ... BCAST PREFIX}), including changes by programs that don't use
   * Cachelet. One server or a sentinel group only: tracking is per server, and a cluster would need
   * it on every master.
   *
   * @throws IllegalStateException on a cluster
   */
  public InvalidationBus trackingInvalidationBus(String keyPrefix, Duration pingInterval) {
    if (deployment.keySpace() instanceof ClusterKeySpace) {
      throw new IllegalStateException("Server-assisted tracking is not available on a cluster");
    }
    return RedisInvalidationBus.tracking(
        deployment.anyNode(), deployment.clientConfig(), keyPrefix, pingInterval);
  }

  private static byte[] raw(String key) {
    return key.getBytes(UTF_8);
  }

  private static byte[][] raw(Collection<String> keys) {
    byte[][] bytes = new byte[keys.size()][];
    int i = 0;
    for (String key : keys) {
      bytes[i++] = raw(key);
    }
    return bytes;
  }

  private static long ttlMillis(Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive, was " + ttl);
    }
    // a sub-millisecond TTL is still a TTL: round it up instead of to an invalid 0
    long millis = ttl.toMillis();
    return ttl.equals(Duration.ofMillis(millis)) ? millis : millis + 1;
  }

  /**
   * Runs one command, translating Jedis' failures. After a broken connection the idle ones are
   * dropped too: they most likely point at the same dead server process, and each would otherwise
   * fail one caller before the pool opened a fresh one.
   */
  private <T> T call(String operation, Supplier<T> command) {
    try {
      return command.get();
    } catch (JedisException e) {
      if (RedisErrors.isConnectionFailure(e)) {
        clearIdleConnections();
      }
      throw RedisErrors.translate(operation, e);
    }
  }

  private void clearIdleConnections() {
    for (Pool<Connection> pool : deployment.pools().get()) {
      try {
        pool.clear();
      } catch (RuntimeException e) {
        // closing a socket to a dead server may fail; the connection is gone either way
      }
    }
  }

  @Override
  public byte[] get(String key) {
    byte[] k = raw(key);
    return call("GET", () -> redis.get(k));
  }

  @Override
  public Map<String, byte[]> getAll(Collection<String> keys) {
    List<String> distinct = List.copyOf(new LinkedHashSet<>(keys));
    if (distinct.isEmpty()) {
      return Map.of();
    }
    byte[][] k = raw(distinct);
    // MGET reads a key of another type as nil, so one odd key does not fail the batch
    List<byte[]> values = call("MGET", () -> redis.mget(k));
    Map<String, byte[]> found = new LinkedHashMap<>();
    for (int i = 0; i < distinct.size(); i++) {
      if (values.get(i) != null) {
        found.put(distinct.get(i), values.get(i));
      }
    }
    return found;
  }

  @Override
  public void put(String key, byte[] value, Duration ttl) {
    Objects.requireNonNull(value, "value");
    SetParams params = SetParams.setParams().px(ttlMillis(ttl));
    byte[] k = raw(key);
    call("SET", () -> redis.set(k, value, params));
  }

  @Override
  public void putAll(Map<String, byte[]> entries, Duration ttl) {
    SetParams params = SetParams.setParams().px(ttlMillis(ttl));
    if (entries.isEmpty()) {
      return;
    }
    entries.values().forEach(value -> Objects.requireNonNull(value, "value"));
    call(
        "SET (pipelined)",
        () -> {
          List<Response<String>> replies = new ArrayList<>(entries.size());
          try (AbstractPipeline pipeline = redis.pipelined()) {
            entries.forEach((key, value) -> replies.add(pipeline.set(raw(key), value, params)));
            pipeline.sync();
          }
          // sync() does not throw for an error reply (e.g. OOM at maxmemory); get() does
          replies.forEach(Response::get);
          return null;
        });
  }

  @Override
  public boolean putIfAbsent(String key, byte[] value, Duration ttl) {
    Objects.requireNonNull(value, "value");
    SetParams params = SetParams.setParams().px(ttlMillis(ttl)).nx();
    byte[] k = raw(key);
    return call("SET NX", () -> redis.set(k, value, params)) != null;
  }

  @Override
  public boolean deleteIfEquals(String key, byte[] expected) {
    Objects.requireNonNull(expected, "expected");
    List<byte[]> keys = List.of(raw(key));
    List<byte[]> args = List.of(expected);
    Object deleted =
        call("EVALSHA (delete if equals)", () -> DELETE_IF_EQUALS.run(redis, keys, args));
    return Long.valueOf(1).equals(deleted);
  }

  @Override
  public boolean delete(String key) {
    byte[] k = raw(key);
    return call("UNLINK", () -> redis.unlink(k)) > 0;
  }

  @Override
  public long deleteAll(Collection<String> keys) {
    Set<String> distinct = new LinkedHashSet<>(keys);
    if (distinct.isEmpty()) {
      return 0;
    }
    byte[][] k = raw(distinct);
    return call("UNLINK", () -> redis.unlink(k));
  }

  @Override
  public boolean exists(String key) {
    byte[] k = raw(key);
    return call("EXISTS", () -> redis.exists(k));
  }

  @Override
  public boolean expire(String key, Duration ttl) {
    byte[] k = raw(key);
    long millis = ttlMillis(ttl);
    return call("PEXPIRE", () -> redis.pexpire(k, millis)) == 1;
  }

  @Override
  public Optional<Duration> ttl(String key) {
    byte[] k = raw(key);
    long millis = call("PTTL", () -> redis.pttl(k));
    if (millis == -2) {
      return Optional.empty();
    }
    return Optional.of(millis == -1 ? NO_EXPIRY : Duration.ofMillis(millis));
  }

  @Override
  public long increment(String key, long delta) {
    byte[] k = raw(key);
    return call("INCRBY", () -> redis.incrBy(k, delta));
  }

  @Override
  public void addToSet(String key, Collection<String> members, Duration ttl) {
    long millis = ttlMillis(ttl);
    if (members.isEmpty()) {
      return; // Redis has no empty sets: nothing to add means nothing to write
    }
    List<byte[]> args = new ArrayList<>(members.size() + 1);
    args.add(Long.toString(millis).getBytes(UTF_8));
    members.forEach(member -> args.add(raw(member)));
    List<byte[]> keys = List.of(raw(key));
    call("EVALSHA (add to set)", () -> ADD_TO_SET.run(redis, keys, args));
  }

  @Override
  public Set<String> setMembers(String key) {
    byte[] k = raw(key);
    Set<byte[]> members = call("SMEMBERS", () -> redis.smembers(k));
    Set<String> decoded = new LinkedHashSet<>();
    members.forEach(member -> decoded.add(new String(member, UTF_8)));
    return Set.copyOf(decoded);
  }

  /**
   * SCAN with MATCH, then UNLINK of each batch found, on every server that holds keys (each primary
   * of a cluster): the server never blocks on the whole key space (as KEYS would), and the memory
   * is freed in the background. Steps are small and paced (see {@link ClearPacing}): after each one
   * the clear rests as long as the step took, so other clients get the server in between and a
   * clear takes about twice as long as the commands alone.
   */
  @Override
  public long clear(String pattern) {
    Objects.requireNonNull(pattern, "pattern");
    byte[] match = raw(pattern);
    return call("SCAN + UNLINK", () -> deployment.keySpace().clear(match));
  }

  @Override
  public ScanPage scan(String pattern, String cursor, int count) {
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(cursor, "cursor");
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, was " + count);
    }
    byte[] match = raw(pattern);
    return call("SCAN", () -> deployment.keySpace().scan(match, cursor, count));
  }

  @Override
  public Duration ping() {
    long start = System.nanoTime();
    call("PING", redis::ping);
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /**
   * One {@code INFO} per server the store writes to (its default sections hold memory and stats):
   * the fullest server's memory and everyone's evictions (see {@link StoreMemory#fullestOf}).
   */
  @Override
  public Optional<StoreMemory> memory() {
    List<StoreMemory> servers = new ArrayList<>();
    for (Pool<Connection> pool : deployment.pools().get()) {
      servers.add(call("INFO", () -> memoryOf(pool)));
    }
    return StoreMemory.fullestOf(servers);
  }

  private static StoreMemory memoryOf(Pool<Connection> pool) {
    try (Connection connection = pool.getResource()) {
      String reply =
          connection.executeCommand(
              new CommandObject<>(
                  new CommandArguments(Protocol.Command.INFO), BuilderFactory.STRING));
      try {
        return InfoReply.memoryOf(reply);
      } catch (IllegalArgumentException e) {
        throw new JedisDataException("Unexpected INFO reply: " + e.getMessage(), e);
      }
    }
  }

  @Override
  public String backend() {
    return "redis";
  }

  /** The sum over every pool: one per cluster node, one otherwise. */
  @Override
  public PoolStats poolStats() {
    int active = 0;
    int idle = 0;
    int waiters = 0;
    int max = 0;
    for (Pool<Connection> pool : deployment.pools().get()) {
      active += pool.getNumActive();
      idle += pool.getNumIdle();
      waiters += pool.getNumWaiters();
      max += pool.getMaxTotal();
    }
    return new PoolStats(active, idle, waiters, max);
  }

  @Override
  public void close() {
    redis.close();
  }
}
