package io.cachelet.cdi;

import io.cachelet.annotation.CacheEvict;
import io.cachelet.annotation.CachePut;
import io.cachelet.annotation.Cacheable;
import io.cachelet.config.ConfigSources;
import io.cachelet.method.MethodCacheValidator;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.enterprise.util.Nonbinding;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks every method that carries a cache annotation (its own or its class's) when the application
 * starts, and fails the deployment with one precise message per problem, instead of failing the
 * first request: read-through on {@code void}, an expression that doesn't parse or names an unknown
 * parameter, a shared cache whose methods return different types, {@code unless} on an asynchronous
 * method, a TTL that doesn't parse, an annotation CDI can't apply (private, static or final
 * methods).
 */
public class CacheletExtension implements Extension {

  private final Set<Class<?>> annotated = new LinkedHashSet<>();

  /**
   * Declares every member of the three bindings {@link Nonbinding}, so that one interceptor serves
   * every use whatever its attributes. Core can't say so itself: it knows nothing of CDI.
   */
  void nonbindingMembers(@Observes BeforeBeanDiscovery event) {
    for (Class<? extends Annotation> binding :
        List.of(Cacheable.class, CachePut.class, CacheEvict.class)) {
      event
          .configureInterceptorBinding(binding)
          .methods()
          .forEach(member -> member.add(Nonbinding.Literal.INSTANCE));
    }
  }

  <T> void collect(
      @Observes @WithAnnotations({Cacheable.class, CachePut.class, CacheEvict.class})
          ProcessAnnotatedType<T> event) {
    annotated.add(event.getAnnotatedType().getJavaClass());
  }

  void validate(@Observes AfterDeploymentValidation event) {
    MethodCacheValidator validator = MethodCacheValidator.create(ConfigSources.system());
    for (Class<?> type : annotated) {
      boolean classLevel = hasCacheAnnotation(type.getAnnotations());
      Method[] methods = type.getDeclaredMethods();
      Arrays.sort(methods, Comparator.comparing(Method::toGenericString));
      for (Method method : methods) {
        if (method.isSynthetic() || method.isBridge()) {
          continue;
        }
        boolean own = hasCacheAnnotation(method.getAnnotations());
        int modifiers = method.getModifiers();
        boolean interceptable =
            !Modifier.isPrivate(modifiers)
                && !Modifier.isStatic(modifiers)
                && !Modifier.isFinal(modifiers);
        if (own && !interceptable) {
          event.addDeploymentProblem(
              new DefinitionException(
                  "A cache annotation on "
                      + method.toGenericString()
                      + " has no effect: CDI does not intercept private, static or final methods."
                      + " Make it a non-final instance method, or weave it with cachelet-aspectj"));
          continue;
        }
        if (own || (classLevel && interceptable)) {
          validator
              .problems(method)
              .forEach(problem -> event.addDeploymentProblem(new DefinitionException(problem)));
        }
      }
    }
  }

  private static boolean hasCacheAnnotation(Annotation[] annotations) {
    for (var annotation : annotations) {
      Class<?> type = annotation.annotationType();
      if (type == Cacheable.class || type == CachePut.class || type == CacheEvict.class) {
        return true;
      }
    }
    return false;
  }
}
