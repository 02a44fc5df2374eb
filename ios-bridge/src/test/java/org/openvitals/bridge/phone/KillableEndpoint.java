package org.openvitals.bridge.phone;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.openvitals.bridge.PhoneEndpoint;
import org.openvitals.bridge.pairing.ApprovalHook;
import org.openvitals.connectors.vault.FileKeySource;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;
import org.openvitals.core.store.phone.PhoneSyncStore;

/**
 * A desktop in its own JVM that dies on purpose: {@code Runtime.halt} (no shutdown hooks, like a
 * kill -9) when the N-th batch reaches the store, either before it commits or right after it
 * committed but before the phone hears the answer.
 *
 * <p>Arguments: data folder, port (0: any), mode ({@code none}, {@code before-commit} or {@code
 * after-commit}), N. Writes {@code endpoint.port} and {@code pairing.txt} into the data folder.
 */
public final class KillableEndpoint {
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int port = Integer.parseInt(args[1]);
    String mode = args[2];
    int haltAt = Integer.parseInt(args[3]);
    SampleStore real = Stores.open(StoreConfig.sqlite(dir));
    AtomicInteger batches = new AtomicInteger();
    InvocationHandler halting =
        (proxy, method, a) -> {
          boolean batch = method.getName().equals("applyPhoneBatch");
          boolean last = batch && batches.incrementAndGet() == haltAt;
          if (last && mode.equals("before-commit")) {
            Runtime.getRuntime().halt(137);
          }
          try {
            Object result = method.invoke(real, a);
            if (last && mode.equals("after-commit")) {
              Runtime.getRuntime().halt(137);
            }
            return result;
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    SampleStore store =
        (SampleStore)
            Proxy.newProxyInstance(
                KillableEndpoint.class.getClassLoader(),
                new Class<?>[] {SampleStore.class, PhoneSyncStore.class},
                halting);
    PhoneEndpoint endpoint =
        PhoneEndpoint.start(
            dir,
            store,
            new FileKeySource(dir.resolve("vault").resolve("vault.key")),
            new PhoneEndpoint.Options(
                "Killable",
                "127.0.0.1",
                port,
                false,
                ApprovalHook.ACCEPT_ALL,
                Clock.systemUTC(),
                10_000,
                10_000),
            m -> {},
            u -> {});
    Files.writeString(dir.resolve("pairing.txt"), endpoint.newPairingPayload().format());
    Files.writeString(dir.resolve("endpoint.port"), Integer.toString(endpoint.port()));
    Thread.sleep(Long.MAX_VALUE);
  }
}
