package io.cachelet.method;

import io.cachelet.Cachelet;
import io.cachelet.annotation.CacheEvict;
import io.cachelet.annotation.CachePut;
import io.cachelet.annotation.Cacheable;
import io.cachelet.cache.Cache;
import io.cachelet.cache.CacheStats;
import io.cachelet.cache.LoadPolicy;
import io.cachelet.config.ConfigSources;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The method-cache engine behind the CDI interceptor and the AspectJ aspect: one per application,
 * thread-safe. An adapter hands it the intercepted method, its arguments and the method itself as
 * an {@link Invoker}; the engine reads the method's annotations once into a plan and then, on every
 * call, runs the plan's operations in this fixed order:
 *
 * <ol>
 *   <li>{@code @CacheEvict(beforeInvocation = true)};
 *   <li>the {@code @Cacheable} lookup: a hit (a cached {@code null} included) is returned at once
 *       and nothing below runs;
 *   <li>the method (once per key and JVM for concurrent {@code @Cacheable} misses);
 *   <li>the {@code @Cacheable} store, then the {@code @CachePut} store;
 *   <li>{@code @CacheEvict} after the method returned normally.
 * </ol>
 *
 * <p>A failing store never fails the call: a read that fails is a miss, a write that fails is
 * dropped. What the method throws reaches the adapter inside an {@link InvocationFailure}, to be
 * rethrown as it was.
 *
 * <p>Asynchronous methods ({@code CompletionStage}, {@code CompletableFuture}) return at once: the
 * lookup runs on the engine's own threads, on a miss the method is called from there, and only a
 * stage that completed normally is cached.
 */
public final class MethodCache implements AutoCloseable {

  private final Cachelet cachelet;
  private final PlanParser parser;
  private final ConcurrentMap<Method, MethodPlan> plans = new ConcurrentHashMap<>();
  private final Set<String> cacheNames = ConcurrentHashMap.newKeySet();
  private final ExecutorService async;

  private MethodCache(Cachelet cachelet, ConfigSources sources) {
    this.cachelet = cachelet;
    this.parser =
        new PlanParser(
            properties(sources), cachelet.config().defaultTtl(), cachelet.codec().types());
    AtomicInteger threads = new AtomicInteger();
    this.async =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "cachelet-method-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /** The engine over {@code cachelet}, with per-cache overrides read from this JVM's settings. */
  public static MethodCache create(Cachelet cachelet) {
    return create(cachelet, ConfigSources.system());
  }

  /**
   * The engine over {@code cachelet}; TTL property references and the per-cache overrides {@code
   * cachelet.cache.<name>.ttl}, {@code .stale-ttl}, {@code .null-ttl}, {@code .jitter} and {@code
   * .distributed-lock} are read from {@code sources} (system properties, then {@code
   * cachelet.properties}).
   */
  public static MethodCache create(Cachelet cachelet, ConfigSources sources) {
    return new MethodCache(
        Objects.requireNonNull(cachelet, "cachelet"), Objects.requireNonNull(sources, "sources"));
  }

  static Function<String, Optional<String>> properties(ConfigSources sources) {
    return name ->
        Optional.ofNullable(sources.systemProperties().get(name))
            .or(() -> Optional.ofNullable(sources.classpathProperties().get(name)))
            .filter(v -> !v.isBlank());
  }

  /**
   * Checks {@code method}'s annotations now instead of at its first call.
   *
   * @throws CacheDefinitionException naming every problem
   */
  public void validate(Method method) {
    plan(method);
  }

  /**
   * Calls {@code method} through its cache operations.
   *
   * @param method the intercepted method, whose annotations (or its class's) say what to do
   * @param args the call's arguments
   * @param invoker runs the method itself
   * @return what the method returned, or the cached value
   * @throws InvocationFailure carrying what the method threw
   * @throws CacheDefinitionException when the method's annotations can't work
   */
  public Object invoke(Method method, Object[] args, Invoker invoker) {
    MethodPlan plan = plan(method);
    if (plan.isEmpty()) {
      return call(invoker);
    }
    Call call = new Call(plan, args == null ? new Object[0] : args);
    return plan.async() ? invokeAsync(call, invoker) : invokeSync(call, invoker);
  }

  private MethodPlan plan(Method method) {
    Objects.requireNonNull(method, "method");
    MethodPlan known = plans.get(method);
    if (known != null) {
      return known;
    }
    MethodPlan plan = parser.parse(method);
    plan.read().ifPresent(op -> cacheNames.add(op.cache()));
    plan.put().ifPresent(op -> cacheNames.add(op.cache()));
    plan.evict().ifPresent(op -> cacheNames.add(op.cache()));
    plan.read()
        .filter(Operation.Read::encrypt)
        .ifPresent(op -> cachelet.encryptedCache(op.cache()));
    plan.put().filter(Operation.Put::encrypt).ifPresent(op -> cachelet.encryptedCache(op.cache()));
    MethodPlan raced = plans.putIfAbsent(method, plan);
    return raced != null ? raced : plan;
  }

  private static Object call(Invoker invoker) {
    try {
      return invoker.proceed();
    } catch (Throwable t) {
      throw new InvocationFailure(t);
    }
  }

  // ---- synchronous methods

  private Object invokeSync(Call call, Invoker invoker) {
    MethodPlan plan = call.plan;
    evictions(call, true, null);
    Object result;
    Optional<Operation.Read> read = plan.read().filter(op -> call.test(op.condition(), null));
    if (read.isPresent()) {
      boolean[] ran = new boolean[1];
      Operation.Read op = read.get();
      result =
          cache(op.cache())
              .getOrLoad(
                  call.key(op.key(), null),
                  plan.valueType(),
                  policy(call, op),
                  () -> {
                    Object value = call(invoker);
                    ran[0] = true;
                    return value;
                  });
      if (!ran[0]) {
        return result;
      }
    } else {
      result = call(invoker);
    }
    afterInvocation(call, result);
    return result;
  }

  private LoadPolicy policy(Call call, Operation.Read op) {
    return new LoadPolicy(
        op.ttl(),
        op.jitter(),
        op.staleTtl(),
        op.nullTtl(),
        op.distributedLock(),
        op.unless().isEmpty() ? v -> true : v -> !call.test(op.unless(), v));
  }

  /** Puts and the evictions that follow a normal return; returns {@code result}. */
  private Object afterInvocation(Call call, Object result) {
    call.plan
        .put()
        .filter(op -> call.test(op.condition(), result))
        .ifPresent(
            op ->
                cache(op.cache())
                    .put(
                        call.key(op.key(), result),
                        result,
                        call.plan.valueType(),
                        new LoadPolicy(
                            op.ttl(),
                            op.jitter(),
                            Duration.ZERO,
                            Optional.of(op.ttl()),
                            false,
                            op.unless().isEmpty() ? v -> true : v -> !call.test(op.unless(), v))));
    evictions(call, false, result);
    return result;
  }

  private void evictions(Call call, boolean before, Object result) {
    call.plan
        .evict()
        .filter(op -> op.beforeInvocation() == before)
        .filter(op -> call.test(op.condition(), result))
        .ifPresent(
            op -> {
              Cache cache = cache(op.cache());
              if (op.allEntries()) {
                cache.evictAll();
              } else {
                cache.evict(call.key(op.key(), result));
              }
            });
  }

  // ---- asynchronous methods

  private CompletableFuture<Object> invokeAsync(Call call, Invoker invoker) {
    MethodPlan plan = call.plan;
    Optional<Operation.Read> read = plan.read().filter(op -> call.test(op.condition(), null));
    CompletableFuture<Void> before =
        CompletableFuture.runAsync(() -> evictions(call, true, null), async);
    if (read.isEmpty()) {
      return before
          .thenCompose(nothing -> stage(invoker))
          .thenApplyAsync(result -> afterInvocation(call, result), async);
    }
    Operation.Read op = read.get();
    String key = call.key(op.key(), null);
    AtomicBoolean ran = new AtomicBoolean();
    return before
        .thenCompose(
            nothing ->
                cache(op.cache())
                    .getOrLoadAsync(
                        key,
                        plan.valueType(),
                        policy(call, op),
                        () -> {
                          ran.set(true);
                          return stage(invoker);
                        },
                        async))
        .thenApplyAsync(result -> ran.get() ? afterInvocation(call, result) : result, async);
  }

  private static CompletableFuture<Object> stage(Invoker invoker) {
    Object returned;
    try {
      returned = invoker.proceed();
    } catch (Throwable t) {
      return CompletableFuture.failedFuture(t);
    }
    if (returned == null) {
      return CompletableFuture.completedFuture(null);
    }
    @SuppressWarnings("unchecked")
    CompletionStage<Object> stage = (CompletionStage<Object>) returned;
    return stage.toCompletableFuture();
  }

  /**
   * Whether {@code binding} is the one of the method's cache annotations that runs the engine: the
   * first of {@code Cacheable}, {@code CachePut}, {@code CacheEvict} it has. A container that calls
   * one interceptor per annotation runs the operations once through this.
   */
  public boolean runsFor(Method method, Class<? extends Annotation> binding) {
    MethodPlan plan = plan(method);
    Class<? extends Annotation> first =
        plan.read().isPresent()
            ? Cacheable.class
            : plan.put().isPresent() ? CachePut.class : CacheEvict.class;
    return first == binding;
  }

  // ---- programmatic access

  /** The cache called {@code name}, the same one the annotations read and write. */
  public Cache cache(String name) {
    return cachelet.cache(name);
  }

  /** The names of the caches the methods seen so far use, sorted. */
  public Set<String> cacheNames() {
    return new TreeSet<>(cacheNames);
  }

  /** The counters of cache {@code name}. */
  public CacheStats stats(String name) {
    return cache(name).stats();
  }

  /**
   * The key the annotations use for these parameter values (all parameters, or the {@code CacheKey}
   * ones, in order), for reading or evicting their entries through {@link #cache}.
   */
  public static String key(Object... values) {
    return values.length == 1
        ? KeyEncoder.encode(values[0])
        : KeyEncoder.encodeAll(Arrays.asList(values));
  }

  /** Stops the engine's threads; the {@link Cachelet} is closed by its owner. */
  @Override
  public void close() {
    async.shutdown();
  }

  /** One call: its arguments and, built when first needed, its expression variables. */
  private static final class Call {
    final MethodPlan plan;
    final Object[] args;
    private Map<String, Object> variables;

    Call(MethodPlan plan, Object[] args) {
      this.plan = plan;
      this.args = args;
    }

    Map<String, Object> variables(Object result) {
      if (variables == null) {
        Map<String, Object> map = new HashMap<>();
        List<String> names = plan.parameterNames();
        for (int i = 0; i < args.length; i++) {
          map.put("p" + i, args[i]);
          if (i < names.size()) {
            map.put(names.get(i), args[i]);
          }
        }
        map.put("args", args);
        map.put("method", plan.method());
        variables = map;
      }
      Map<String, Object> withResult = new HashMap<>(variables);
      withResult.put("result", result);
      return withResult;
    }

    boolean test(Optional<Expression> expression, Object result) {
      return expression.map(e -> Boolean.TRUE.equals(e.evaluate(variables(result)))).orElse(true);
    }

    String key(Operation.KeySource source, Object result) {
      if (source.expression().isPresent()) {
        // canonical like the default keys, so key = "sku" matches a default key over sku
        return KeyEncoder.encode(source.expression().get().evaluate(variables(result)));
      }
      List<Integer> positions = source.parameters();
      if (positions.size() == 1) {
        return KeyEncoder.encode(args[positions.get(0)]);
      }
      List<Object> values = new ArrayList<>(positions.size());
      for (int position : positions) {
        values.add(args[position]);
      }
      return KeyEncoder.encodeAll(values);
    }
  }
}
