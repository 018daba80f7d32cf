package io.cachelet.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ForwardingStoreTest {

  /** What the wrapped store answers, by return type: distinct instances, compared by identity. */
  private static final Map<Class<?>, Object> ANSWERS =
      Map.ofEntries(
          Map.entry(byte[].class, new byte[] {1}),
          Map.entry(Map.class, new HashMap<>()),
          Map.entry(Set.class, new HashSet<>()),
          Map.entry(Optional.class, Optional.of(Duration.ofSeconds(9))),
          Map.entry(ScanPage.class, new ScanPage(List.of("k"), "17")),
          Map.entry(Duration.class, Duration.ofMillis(3)),
          Map.entry(String.class, new String("behind")),
          Map.entry(PoolStats.class, new PoolStats(1, 2, 3, 4)),
          Map.entry(
              StoreHealth.class,
              new StoreHealth(
                  StoreHealth.Status.DEGRADED,
                  "behind",
                  Optional.empty(),
                  StoreHealth.BreakerState.HALF_OPEN,
                  PoolStats.NONE,
                  Optional.of("slow"))),
          Map.entry(StoreHealth.BreakerState.class, StoreHealth.BreakerState.OPEN),
          Map.entry(boolean.class, true),
          Map.entry(long.class, 42L));

  private record Call(Method method, List<Object> args) {}

  @Test
  void everyMethodOfThePortReachesTheWrappedStoreWithItsArgumentsAndAnswer() throws Exception {
    List<Call> calls = new ArrayList<>();
    CacheStore behind =
        (CacheStore)
            Proxy.newProxyInstance(
                CacheStore.class.getClassLoader(),
                new Class<?>[] {CacheStore.class},
                (proxy, method, args) -> {
                  calls.add(new Call(method, args == null ? List.of() : Arrays.asList(args)));
                  return ANSWERS.get(method.getReturnType());
                });
    CacheStore forwarding = new ForwardingStore(behind) {};

    for (Method method : CacheStore.class.getMethods()) {
      if (Modifier.isStatic(method.getModifiers())) {
        continue;
      }
      Object[] args = Arrays.stream(method.getParameterTypes()).map(this::argument).toArray();
      calls.clear();

      Object answer = invoke(forwarding, method, args);

      assertThat(calls).as(method.getName()).containsExactly(new Call(method, Arrays.asList(args)));
      Object expected = ANSWERS.get(method.getReturnType());
      if (method.getReturnType().isPrimitive()) {
        assertThat(answer).as(method.getName()).isEqualTo(expected);
      } else {
        assertThat(answer).as(method.getName()).isSameAs(expected);
      }
    }
  }

  private static Object invoke(CacheStore store, Method method, Object[] args) throws Exception {
    try {
      return method.invoke(store, args);
    } catch (InvocationTargetException e) {
      throw (Exception) e.getCause();
    }
  }

  private Object argument(Class<?> type) {
    if (type == String.class) {
      return new String("k");
    } else if (type == byte[].class) {
      return new byte[] {7};
    } else if (type == Duration.class) {
      return Duration.ofSeconds(5);
    } else if (type == Collection.class) {
      return List.of("a", "b");
    } else if (type == Map.class) {
      return Map.of("a", new byte[] {8});
    } else if (type == long.class) {
      return 5L;
    } else if (type == int.class) {
      return 10;
    } else if (type == StoreStateListener.class) {
      return new StoreStateListener() {
        @Override
        public void storeDown() {}

        @Override
        public void storeRecovered() {}
      };
    }
    throw new AssertionError("no argument for a parameter of " + type + ": add one here");
  }
}
