package org.openvitals.bridge.server;

import java.io.IOException;
import java.net.BindException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.Executors;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.MinimumDataRateHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTPS listener: Jetty 12 with TLS 1.3 only, the desktop's own certificate, idle and
 * slow-client limits, requests handled on virtual threads. See
 * docs/decisions/0007-jetty-for-the-phone-endpoint.md.
 */
public final class BridgeServer implements AutoCloseable {
  /** The port tried first; the next few are tried when it is taken, then any free port. */
  public static final int DEFAULT_PORT = 8787;

  static final int PORT_ATTEMPTS = 10;

  /** A connection that sends or reads nothing this long is closed (unless told otherwise). */
  public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

  /** A client slower than this (bytes per second, averaged over a request) is cut off. */
  static final long MIN_REQUEST_DATA_RATE = 1_024;

  private final Server server;
  private final ServerConnector connector;

  private BridgeServer(Server server, ServerConnector connector) {
    this.server = server;
    this.connector = connector;
  }

  /**
   * Starts on {@code port}, or when it is taken the next free one of {@link #PORT_ATTEMPTS}, or any
   * free port. Port 0 means any free port at once.
   */
  public static BridgeServer start(
      String host, int port, KeyStore keyStore, char[] password, PhoneApi api, Duration idle)
      throws IOException {
    IOException last = null;
    int attempts = port == 0 ? 1 : PORT_ATTEMPTS + 1;
    for (int i = 0; i < attempts; i++) {
      int candidate = port == 0 || i == PORT_ATTEMPTS ? 0 : port + i;
      try {
        return startOn(host, candidate, keyStore, password, api, idle);
      } catch (BindException e) {
        last = e;
      }
    }
    throw last;
  }

  private static BridgeServer startOn(
      String host, int port, KeyStore keyStore, char[] password, PhoneApi api, Duration idle)
      throws IOException {
    QueuedThreadPool threads = new QueuedThreadPool(16, 2);
    threads.setName("phone-endpoint");
    threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
    Server server = new Server(threads);
    server.setStopAtShutdown(false);

    SslContextFactory.Server tls = new SslContextFactory.Server();
    tls.setKeyStore(keyStore);
    tls.setKeyStorePassword(new String(password));
    tls.setIncludeProtocols("TLSv1.3");
    tls.setExcludeProtocols("SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2");

    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setIdleTimeout(idle.toMillis());
    http.setRequestHeaderSize(16 * 1024);
    // The phone reaches the desktop by IP address and pins the key; a host name check has nothing
    // to check.
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    secure.setSniHostCheck(false);
    secure.setSniRequired(false);
    http.addCustomizer(secure);

    ServerConnector connector =
        new ServerConnector(
            server, new SslConnectionFactory(tls, "http/1.1"), new HttpConnectionFactory(http));
    connector.setHost(host);
    connector.setPort(port);
    connector.setIdleTimeout(idle.toMillis());
    server.addConnector(connector);
    // Jetty 12 enforces a minimum read rate only through this handler (HttpConfiguration's setting
    // is left to servlets); a read that falls below it fails and the connection is closed.
    server.setHandler(new MinimumDataRateHandler(new ApiHandler(api), MIN_REQUEST_DATA_RATE, 0));
    server.setErrorHandler(new JsonErrorHandler());
    try {
      server.start();
    } catch (BindException e) {
      stopQuietly(server);
      throw e;
    } catch (IOException e) {
      stopQuietly(server);
      if (e.getCause() instanceof BindException b) {
        throw b;
      }
      throw e;
    } catch (Exception e) {
      stopQuietly(server);
      throw new IOException("The phone endpoint could not start: " + e.getMessage(), e);
    }
    return new BridgeServer(server, connector);
  }

  private static void stopQuietly(Server server) {
    try {
      server.stop();
    } catch (Exception ignored) {
      // It did not start; nothing to release.
    }
  }

  public int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException(
          "The phone endpoint did not stop cleanly: " + e.getMessage(), e);
    }
  }
}
