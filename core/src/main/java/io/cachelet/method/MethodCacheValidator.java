package io.cachelet.method;

import io.cachelet.codec.ValueCodec;
import io.cachelet.config.CacheletConfig;
import io.cachelet.config.ConfigSources;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Objects;

/**
 * The engine's checks, without an engine: for a container extension that validates every annotated
 * method at deployment. One instance per deployment, since it also checks that methods sharing a
 * cache agree on its type. Thread-safe.
 */
public final class MethodCacheValidator {

  private final PlanParser parser;

  private MethodCacheValidator(ConfigSources sources) {
    this.parser =
        new PlanParser(
            MethodCache.properties(sources),
            CacheletConfig.builder().build().defaultTtl(),
            ValueCodec.json().types());
  }

  /** A validator reading TTL references and per-cache overrides from {@code sources}. */
  public static MethodCacheValidator create(ConfigSources sources) {
    return new MethodCacheValidator(Objects.requireNonNull(sources, "sources"));
  }

  /** What is wrong with {@code method}'s cache annotations, one message each; empty when none. */
  public List<String> problems(Method method) {
    return parser.problems(Objects.requireNonNull(method, "method"));
  }
}
