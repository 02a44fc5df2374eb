package org.openvitals.core.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import org.openvitals.core.store.SampleStore;

/**
 * A store that forwards every call to another and counts the calls of one method: for tests that a
 * caller reads something (say, the summed {@code sources()}) no more often than it should.
 */
public final class CallCountingStore {
  private final SampleStore store;
  private final AtomicInteger calls = new AtomicInteger();

  private CallCountingStore(SampleStore target, String method) {
    store =
        (SampleStore)
            Proxy.newProxyInstance(
                SampleStore.class.getClassLoader(),
                new Class<?>[] {SampleStore.class},
                (proxy, called, args) -> {
                  if (called.getName().equals(method)) {
                    calls.incrementAndGet();
                  }
                  try {
                    return called.invoke(target, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
  }

  /** Counts the calls of {@code method} (any overload) made through {@link #store()}. */
  public static CallCountingStore counting(SampleStore target, String method) {
    return new CallCountingStore(target, method);
  }

  public SampleStore store() {
    return store;
  }

  public int calls() {
    return calls.get();
  }
}
