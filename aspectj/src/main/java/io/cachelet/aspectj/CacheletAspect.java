package io.cachelet.aspectj;

import io.cachelet.Cachelet;
import io.cachelet.config.CacheletConfig;
import io.cachelet.method.InvocationFailure;
import io.cachelet.method.MethodCache;
import java.util.Objects;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.aspectj.lang.reflect.MethodSignature;

/**
 * Applies the method-caching annotations to classes woven with this aspect (compile-time with
 * {@code aspectj-maven-plugin}, or load-time), for code that is not a CDI bean. Because it weaves
 * the method's execution, a call from inside the class (self-invocation), to a private method
 * included, is cached too.
 *
 * <p>Set the engine once at start-up with {@link #use(MethodCache)}; without that, the first cached
 * call builds one from {@link CacheletConfig#fromEnvironment()}. A method whose annotations can't
 * work fails its first call with a {@link io.cachelet.method.CacheDefinitionException}, with the
 * same checks and messages as the CDI deployment validation.
 */
@Aspect
public class CacheletAspect {

  private static volatile MethodCache engine;

  /** Makes every woven method use {@code engine}. */
  public static void use(MethodCache engine) {
    CacheletAspect.engine = Objects.requireNonNull(engine, "engine");
  }

  private static MethodCache engine() {
    MethodCache current = engine;
    if (current == null) {
      synchronized (CacheletAspect.class) {
        if (engine == null) {
          engine = MethodCache.create(Cachelet.create(CacheletConfig.fromEnvironment()));
        }
        current = engine;
      }
    }
    return current;
  }

  @Around(
      "execution(* *(..)) && ("
          + "@annotation(io.cachelet.annotation.Cacheable)"
          + " || @annotation(io.cachelet.annotation.CachePut)"
          + " || @annotation(io.cachelet.annotation.CacheEvict)"
          + " || @within(io.cachelet.annotation.Cacheable)"
          + " || @within(io.cachelet.annotation.CachePut)"
          + " || @within(io.cachelet.annotation.CacheEvict))")
  public Object around(ProceedingJoinPoint joinPoint) throws Throwable {
    MethodSignature signature = (MethodSignature) joinPoint.getSignature();
    try {
      return engine().invoke(signature.getMethod(), joinPoint.getArgs(), joinPoint::proceed);
    } catch (InvocationFailure failure) {
      throw failure.original();
    }
  }
}
