package io.cachelet.method;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.cachelet.annotation.CacheDefaults;
import io.cachelet.annotation.CacheEvict;
import io.cachelet.annotation.CacheKey;
import io.cachelet.annotation.CachePut;
import io.cachelet.annotation.Cacheable;
import io.cachelet.config.DurationFormat;
import java.lang.annotation.Annotation;
import java.lang.invoke.MethodType;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads a method's cache annotations (its own, else its class's) into a {@link MethodPlan}, with
 * every check that can be made before the first call. Also remembers which type each cache holds,
 * so that two methods sharing a cache must return the same type. Thread-safe.
 */
final class PlanParser {

  /** Per-cache overrides: {@code cachelet.cache.<name>.<attribute>}. */
  static final String OVERRIDE_PREFIX = "cachelet.cache.";

  private final Function<String, Optional<String>> properties;
  private final Duration defaultTtl;
  private final TypeFactory types;
  private final ConcurrentMap<String, Holder> cacheTypes = new ConcurrentHashMap<>();

  private record Holder(JavaType type, String signature) {}

  PlanParser(
      Function<String, Optional<String>> properties, Duration defaultTtl, TypeFactory types) {
    this.properties = properties;
    this.defaultTtl = defaultTtl;
    this.types = types;
  }

  /**
   * The plan of {@code method}.
   *
   * @throws CacheDefinitionException listing every problem found
   */
  MethodPlan parse(Method method) {
    Problems problems = new Problems();
    MethodPlan plan = parse(method, problems);
    if (!problems.list.isEmpty()) {
      throw new CacheDefinitionException(String.join("\n", problems.list));
    }
    return plan;
  }

  /** The problems of {@code method}, empty when it is fine. */
  List<String> problems(Method method) {
    Problems problems = new Problems();
    parse(method, problems);
    return List.copyOf(problems.list);
  }

  private static final class Problems {
    final List<String> list = new ArrayList<>();

    void add(String message) {
      list.add(message);
    }
  }

  /** What expressions of one method may name. */
  private record Scope(
      String signature, List<String> names, boolean namesPresent, Set<String> known) {}

  private MethodPlan parse(Method method, Problems problems) {
    Class<?> owner = method.getDeclaringClass();
    String signature = signature(method);
    boolean isVoid = isVoid(method);
    Optional<Cacheable> cacheable = find(method, Cacheable.class);
    Optional<CachePut> cachePut = find(method, CachePut.class);
    Optional<CacheEvict> cacheEvict = find(method, CacheEvict.class);
    if (isVoid) {
      // a class-level read-through or put applies to the methods that return something
      if (method.isAnnotationPresent(Cacheable.class)) {
        problems.add(
            "@Cacheable on "
                + signature
                + ": the method returns void, so there is nothing to read through;"
                + " use @CacheEvict, or return the value");
      }
      if (method.isAnnotationPresent(CachePut.class)) {
        problems.add(
            "@CachePut on "
                + signature
                + ": the method returns void, so there is nothing to store; return the value");
      }
      cacheable = Optional.empty();
      cachePut = Optional.empty();
    }
    Optional<CacheDefaults> defaults =
        Optional.ofNullable(owner.getAnnotation(CacheDefaults.class));
    Scope scope = scope(method, signature);
    Class<?> raw = method.getReturnType();
    boolean async = raw == CompletionStage.class || raw == CompletableFuture.class;
    JavaType valueType = types.constructType(Object.class);
    if (cacheable.isPresent() || cachePut.isPresent()) {
      valueType = valueType(method, signature, async, problems);
    }
    Optional<Operation.Read> read =
        cacheable.map(a -> read(a, method, scope, defaults, async, problems));
    Optional<Operation.Put> put = cachePut.map(a -> put(a, method, scope, defaults, problems));
    Optional<Operation.Evict> evict =
        cacheEvict.map(a -> evict(a, method, scope, defaults, problems));
    JavaType stored = valueType;
    read.ifPresent(op -> checkSharedType(op.cache(), stored, signature, problems));
    put.ifPresent(op -> checkSharedType(op.cache(), stored, signature, problems));
    boolean usesVariables =
        read.map(op -> op.key().expression().isPresent() || op.condition().isPresent())
                .orElse(false)
            || read.flatMap(Operation.Read::unless).isPresent()
            || put.isPresent()
            || evict
                .map(op -> op.key().expression().isPresent() || op.condition().isPresent())
                .orElse(false);
    return new MethodPlan(
        method, signature, read, put, evict, valueType, async, scope.names(), usesVariables);
  }

  private static <A extends Annotation> Optional<A> find(Method method, Class<A> type) {
    A own = method.getAnnotation(type);
    return own != null
        ? Optional.of(own)
        : Optional.ofNullable(method.getDeclaringClass().getAnnotation(type));
  }

  static String signature(Method method) {
    return method.getDeclaringClass().getName()
        + "."
        + method.getName()
        + Arrays.stream(method.getParameterTypes())
            .map(Class::getTypeName)
            .collect(Collectors.joining(",", "(", ")"));
  }

  private static boolean isVoid(Method method) {
    Class<?> raw = method.getReturnType();
    if (raw == void.class || raw == Void.class) {
      return true;
    }
    if ((raw == CompletionStage.class || raw == CompletableFuture.class)
        && method.getGenericReturnType() instanceof ParameterizedType p) {
      return p.getActualTypeArguments()[0] == Void.class;
    }
    return false;
  }

  private static Scope scope(Method method, String signature) {
    Parameter[] parameters = method.getParameters();
    boolean present = Arrays.stream(parameters).allMatch(Parameter::isNamePresent);
    List<String> names = new ArrayList<>();
    Set<String> known = new HashSet<>(Set.of("args", "method"));
    for (int i = 0; i < parameters.length; i++) {
      known.add("p" + i);
      if (present) {
        names.add(parameters[i].getName());
        known.add(parameters[i].getName());
      } else {
        names.add("p" + i);
      }
    }
    return new Scope(signature, names, present, known);
  }

  private JavaType valueType(Method method, String signature, boolean async, Problems problems) {
    Class<?> raw = method.getReturnType();
    Type generic = method.getGenericReturnType();
    if (!async
        && (Future.class.isAssignableFrom(raw) || CompletionStage.class.isAssignableFrom(raw))) {
      problems.add(
          signature
              + " returns "
              + raw.getName()
              + "; only CompletionStage and CompletableFuture results are cached asynchronously");
      return types.constructType(Object.class);
    }
    Type value = generic;
    if (async) {
      if (!(generic instanceof ParameterizedType p)) {
        problems.add(
            signature
                + " returns a raw "
                + raw.getSimpleName()
                + "; declare what it completes with, e.g. CompletionStage<Product>");
        return types.constructType(Object.class);
      }
      value = p.getActualTypeArguments()[0];
    }
    if (hasTypeVariable(value)) {
      problems.add(
          signature
              + " returns "
              + value.getTypeName()
              + ", which names a type variable; a cached value is read back as the declared type,"
              + " so declare a concrete one");
      return types.constructType(Object.class);
    }
    if (value instanceof Class<?> c && c.isPrimitive()) {
      value = MethodType.methodType(c).wrap().returnType();
    }
    return types.constructType(value);
  }

  private static boolean hasTypeVariable(Type type) {
    if (type instanceof TypeVariable<?>) {
      return true;
    }
    if (type instanceof ParameterizedType p) {
      return Arrays.stream(p.getActualTypeArguments()).anyMatch(PlanParser::hasTypeVariable);
    }
    if (type instanceof GenericArrayType a) {
      return hasTypeVariable(a.getGenericComponentType());
    }
    if (type instanceof WildcardType w) {
      return Arrays.stream(w.getUpperBounds()).anyMatch(PlanParser::hasTypeVariable)
          || Arrays.stream(w.getLowerBounds()).anyMatch(PlanParser::hasTypeVariable);
    }
    return false;
  }

  private void checkSharedType(String cache, JavaType type, String signature, Problems problems) {
    Holder mine = new Holder(type, signature);
    Holder first = cacheTypes.putIfAbsent(cache, mine);
    if (first != null && !first.type().equals(type) && !first.signature().equals(signature)) {
      problems.add(
          "Cache '"
              + cache
              + "' is shared by "
              + first.signature()
              + ", which caches "
              + first.type().toCanonical()
              + ", and "
              + signature
              + ", which caches "
              + type.toCanonical()
              + "; one cache holds one type, so give one of them a cache of its own");
    }
  }

  private Operation.Read read(
      Cacheable a,
      Method method,
      Scope scope,
      Optional<CacheDefaults> defaults,
      boolean async,
      Problems problems) {
    String where = "@Cacheable(%s) on " + scope.signature() + ": ";
    String cache = cacheName(a.cache(), defaults, scope.signature());
    Optional<Expression> unless =
        expression(a.unless(), Boolean.class, where, "unless", true, scope, problems);
    if (async && !a.unless().isBlank()) {
      problems.add(
          String.format(where, "unless")
              + "unless can't apply to an asynchronous method (its result is not there when the"
              + " method returns); drop it, or veto in the code that completes the stage");
    }
    if (async && (!a.staleTtl().isBlank() || a.distributedLock())) {
      problems.add(
          String.format(where, a.distributedLock() ? "distributedLock" : "staleTtl")
              + "stale entries and the distributed lock apply to synchronous methods only;"
              + " drop the attribute, or return the value instead of a stage");
    }
    Duration ttl = ttl(a.ttl(), cache, defaults, where, problems);
    Duration nullTtl =
        override(cache, "null-ttl", where, problems)
            .or(() -> duration(a.nullTtl(), where, "nullTtl", false, problems))
            .orElse(ttl);
    boolean lock =
        properties
            .apply(OVERRIDE_PREFIX + cache + ".distributed-lock")
            .map(v -> Boolean.parseBoolean(v.trim()))
            .orElse(a.distributedLock());
    return new Operation.Read(
        cache,
        key(a.key(), method, where, false, scope, problems),
        expression(a.condition(), Boolean.class, where, "condition", false, scope, problems),
        async ? Optional.empty() : unless,
        ttl,
        override(cache, "jitter", where, problems)
            .or(() -> duration(a.jitter(), where, "jitter", true, problems))
            .orElse(Duration.ZERO),
        override(cache, "stale-ttl", where, problems)
            .or(() -> duration(a.staleTtl(), where, "staleTtl", true, problems))
            .orElse(Duration.ZERO),
        a.cacheNull() ? Optional.of(nullTtl) : Optional.empty(),
        lock,
        encrypt(cache, a.encrypt(), defaults));
  }

  /** Whether {@code cache} is encrypted: its override, else the annotation, else the class's. */
  private boolean encrypt(String cache, boolean own, Optional<CacheDefaults> defaults) {
    return properties
        .apply(OVERRIDE_PREFIX + cache + ".encrypt")
        .map(v -> Boolean.parseBoolean(v.trim()))
        .orElse(own || defaults.map(CacheDefaults::encrypt).orElse(false));
  }

  private Operation.Put put(
      CachePut a, Method method, Scope scope, Optional<CacheDefaults> defaults, Problems problems) {
    String where = "@CachePut(%s) on " + scope.signature() + ": ";
    String cache = cacheName(a.cache(), defaults, scope.signature());
    return new Operation.Put(
        cache,
        key(a.key(), method, where, true, scope, problems),
        expression(a.condition(), Boolean.class, where, "condition", false, scope, problems),
        expression(a.unless(), Boolean.class, where, "unless", true, scope, problems),
        ttl(a.ttl(), cache, defaults, where, problems),
        override(cache, "jitter", where, problems)
            .or(() -> duration(a.jitter(), where, "jitter", true, problems))
            .orElse(Duration.ZERO),
        encrypt(cache, false, defaults));
  }

  private Operation.Evict evict(
      CacheEvict a,
      Method method,
      Scope scope,
      Optional<CacheDefaults> defaults,
      Problems problems) {
    String where = "@CacheEvict(%s) on " + scope.signature() + ": ";
    return new Operation.Evict(
        cacheName(a.cache(), defaults, scope.signature()),
        key(a.key(), method, where, false, scope, problems),
        a.allEntries(),
        a.beforeInvocation(),
        expression(a.condition(), Boolean.class, where, "condition", false, scope, problems));
  }

  private static String cacheName(String own, Optional<CacheDefaults> defaults, String signature) {
    if (!own.isBlank()) {
      return own.trim();
    }
    return defaults
        .map(CacheDefaults::cache)
        .filter(c -> !c.isBlank())
        .map(String::trim)
        .orElse(signature);
  }

  private Duration ttl(
      String own, String cache, Optional<CacheDefaults> defaults, String where, Problems problems) {
    return override(cache, "ttl", where, problems)
        .or(() -> duration(own, where, "ttl", false, problems))
        .or(
            () ->
                duration(
                    defaults.map(CacheDefaults::ttl).orElse(""),
                    where,
                    "ttl of @CacheDefaults",
                    false,
                    problems))
        .orElse(defaultTtl);
  }

  private Optional<Duration> override(
      String cache, String attribute, String where, Problems problems) {
    String property = OVERRIDE_PREFIX + cache + "." + attribute;
    return properties
        .apply(property)
        .flatMap(
            text ->
                parseDuration(
                    text,
                    String.format(where, attribute) + "property " + property + " = '" + text + "'",
                    !attribute.equals("ttl") && !attribute.equals("null-ttl"),
                    problems));
  }

  /** A duration attribute: "", a duration, or a property reference {@code ${name[:default]}}. */
  private Optional<Duration> duration(
      String text, String where, String attribute, boolean zeroAllowed, Problems problems) {
    String trimmed = text.trim();
    if (trimmed.isEmpty()) {
      return Optional.empty();
    }
    String context = String.format(where, attribute);
    if (trimmed.startsWith("${") && trimmed.endsWith("}")) {
      String reference = trimmed.substring(2, trimmed.length() - 1);
      int colon = reference.indexOf(':');
      String name = colon < 0 ? reference : reference.substring(0, colon);
      Optional<String> value =
          properties
              .apply(name.trim())
              .or(() -> colon < 0 ? Optional.empty() : Optional.of(reference.substring(colon + 1)));
      if (value.isEmpty()) {
        problems.add(
            context
                + "the property '"
                + name
                + "' is not set and the reference has no default (write ${"
                + name
                + ":10m})");
        return Optional.empty();
      }
      return parseDuration(value.get(), context + "property " + name, zeroAllowed, problems);
    }
    return parseDuration(
        trimmed, context.substring(0, context.length() - 2), zeroAllowed, problems);
  }

  private static Optional<Duration> parseDuration(
      String text, String context, boolean zeroAllowed, Problems problems) {
    try {
      Duration d = DurationFormat.parse(text);
      if (d.isNegative() || (!zeroAllowed && d.isZero())) {
        problems.add(context + ": '" + text + "' must be above 0");
        return Optional.empty();
      }
      return Optional.of(d);
    } catch (IllegalArgumentException e) {
      problems.add(context + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  private Operation.KeySource key(
      String text,
      Method method,
      String where,
      boolean resultAllowed,
      Scope scope,
      Problems problems) {
    if (!text.isBlank()) {
      return new Operation.KeySource(
          expression(text, Object.class, where, "key", resultAllowed, scope, problems), List.of());
    }
    Parameter[] parameters = method.getParameters();
    List<Integer> marked = new ArrayList<>();
    for (int i = 0; i < parameters.length; i++) {
      if (parameters[i].isAnnotationPresent(CacheKey.class)) {
        marked.add(i);
      }
    }
    if (marked.isEmpty()) {
      for (int i = 0; i < parameters.length; i++) {
        marked.add(i);
      }
    }
    return new Operation.KeySource(Optional.empty(), marked);
  }

  private static Optional<Expression> expression(
      String text,
      Class<?> expected,
      String where,
      String attribute,
      boolean resultAllowed,
      Scope scope,
      Problems problems) {
    if (text.isBlank()) {
      return Optional.empty();
    }
    String context = String.format(where, attribute + " = \"" + text + "\"");
    Expression parsed;
    try {
      parsed = Expression.parse(text, expected);
    } catch (IllegalArgumentException e) {
      problems.add(context + "the expression does not parse: " + e.getMessage());
      return Optional.empty();
    }
    boolean fine = true;
    for (String name : parsed.identifiers()) {
      if (scope.known().contains(name)) {
        continue;
      }
      if (name.equals("result")) {
        if (!resultAllowed) {
          problems.add(
              context
                  + "'result' is not known before the method has run; it can be used in unless"
                  + " and in @CachePut keys");
          fine = false;
        }
        continue;
      }
      if (Character.isUpperCase(name.charAt(0))) {
        continue; // a class name, e.g. Math.max(…)
      }
      fine = false;
      problems.add(
          context
              + "'"
              + name
              + "' is not a parameter; the expression can use "
              + describe(scope)
              + (scope.namesPresent()
                  ? ""
                  : ". The parameter names were not compiled into the class: compile with"
                      + " -parameters (javac) or refer to them as p0, p1, …"));
    }
    return fine ? Optional.of(parsed) : Optional.empty();
  }

  private static String describe(Scope scope) {
    List<String> names = new ArrayList<>(scope.names());
    names.add("args");
    names.add("method");
    return String.join(", ", names);
  }
}
