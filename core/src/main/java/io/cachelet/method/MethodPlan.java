package io.cachelet.method;

import com.fasterxml.jackson.databind.JavaType;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;

/**
 * Everything the engine needs to know about one method, worked out once: its operations, the type
 * its values are read back as, whether it is asynchronous, and its parameter names for expressions.
 * Immutable.
 *
 * @param method the method
 * @param signature its readable signature, for messages
 * @param read the {@code @Cacheable} operation, if any
 * @param put the {@code @CachePut} operation, if any
 * @param evict the {@code @CacheEvict} operation, if any
 * @param valueType what is cached: the declared generic return type, or the type argument of a
 *     {@code CompletionStage}
 * @param async whether the method returns a {@code CompletionStage} or {@code CompletableFuture}
 * @param parameterNames the names expressions use for the parameters ({@code p0}… when absent)
 * @param usesVariables whether any expression needs the call's variables
 */
record MethodPlan(
    Method method,
    String signature,
    Optional<Operation.Read> read,
    Optional<Operation.Put> put,
    Optional<Operation.Evict> evict,
    JavaType valueType,
    boolean async,
    List<String> parameterNames,
    boolean usesVariables) {

  MethodPlan {
    parameterNames = List.copyOf(parameterNames);
  }

  boolean isEmpty() {
    return read.isEmpty() && put.isEmpty() && evict.isEmpty();
  }
}
