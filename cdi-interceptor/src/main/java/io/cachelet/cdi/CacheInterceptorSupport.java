package io.cachelet.cdi;

import io.cachelet.method.InvocationFailure;
import io.cachelet.method.MethodCache;
import jakarta.interceptor.InvocationContext;
import java.lang.annotation.Annotation;

/**
 * What the three interceptors share: hand the call to the engine, then rethrow what the method
 * threw, unchanged. A method with several cache annotations passes through several interceptors;
 * only the one for its first annotation runs the engine, which runs all of the method's operations.
 */
abstract class CacheInterceptorSupport {

  private final MethodCache engine;
  private final Class<? extends Annotation> binding;

  CacheInterceptorSupport(MethodCache engine, Class<? extends Annotation> binding) {
    this.engine = engine;
    this.binding = binding;
  }

  Object intercept(InvocationContext context) throws Exception {
    if (!engine.runsFor(context.getMethod(), binding)) {
      return context.proceed();
    }
    try {
      return engine.invoke(context.getMethod(), context.getParameters(), context::proceed);
    } catch (InvocationFailure failure) {
      Throwable original = failure.original();
      if (original instanceof Error error) {
        throw error;
      }
      throw (Exception) original;
    }
  }
}
