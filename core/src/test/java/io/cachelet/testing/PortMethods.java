package io.cachelet.testing;

import io.cachelet.store.CacheStore;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@link CacheStore} methods a decorator leaves to its base class. A decorator built on {@link
 * io.cachelet.store.ForwardingStore} compiles when the port gains a method, and passes that method
 * straight through; a test that pins this set makes the author of the new method decide, for each
 * decorator, whether that is right.
 */
public final class PortMethods {

  private PortMethods() {}

  /** The names of the port's instance methods that {@code decorator} does not declare itself. */
  public static Set<String> notDeclaredBy(Class<? extends CacheStore> decorator) {
    return Arrays.stream(CacheStore.class.getMethods())
        .filter(method -> !Modifier.isStatic(method.getModifiers()))
        .filter(method -> !declares(decorator, method))
        .map(Method::getName)
        .collect(Collectors.toSet());
  }

  private static boolean declares(Class<?> type, Method method) {
    try {
      type.getDeclaredMethod(method.getName(), method.getParameterTypes());
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }
}
